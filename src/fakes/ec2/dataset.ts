/**
 * Generated AWS estates for the fake, relative to `now`: the sandbox's (two accounts, three regions,
 * a few dozen instances of every kind the metrics tell apart) and the benchmark's (thousands of
 * instances and volumes). Deterministic for a given `now` and size.
 */
import { INSTANCE_TYPES } from './instance-types';
import { ON_DEMAND } from './prices';
import type {
  FakeAccount,
  FakeAwsDataset,
  FakeInstance,
  FakeRegion,
  FakeVolume,
  SpotPriceRow,
} from './model';

export interface EstateOptions {
  readonly now: Date;
  /** Accounts × regions: the first account is the keys' own, the others are reached by a role. */
  readonly accounts: readonly { readonly id: string; readonly regions: readonly string[] }[];
  /** Instances per region. */
  readonly instancesPerRegion: number;
  /** Volumes per region. */
  readonly volumesPerRegion: number;
  readonly seed?: number;
  /** The static key pair of the first account. */
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

const FIVE_MIN = 300_000;

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

export function generateEstate(options: EstateOptions): FakeAwsDataset {
  const rnd = random(options.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const now = options.now.getTime();
  const slot = Math.floor(now / FIVE_MIN) * FIVE_MIN;
  let serial = 0;
  const spotPrices: SpotPriceRow[] = [];
  const accounts: FakeAccount[] = options.accounts.map((account) => {
    const regions: Record<string, FakeRegion> = {};
    for (const region of account.regions) {
      const priced = Object.keys(ON_DEMAND[region] ?? {});
      const types = priced.length ? priced : Object.keys(INSTANCE_TYPES);
      // One type the Price List of this region does not list, so some instances stay unpriced.
      const unpriced = Object.keys(INSTANCE_TYPES).filter((t) => !priced.includes(t));
      const azs = ['a', 'b', 'c'].map((s) => `${region}${s}`);
      for (const type of types) {
        for (const az of azs) {
          const od = ON_DEMAND[region]?.[type];
          if (od !== undefined) {
            spotPrices.push({
              region,
              type,
              az,
              price: +(od * (0.3 + 0.4 * rnd())).toFixed(6),
              at: new Date(slot - 3_600_000 * (1 + Math.floor(rnd() * 20))),
            });
          }
        }
      }
      const instances: FakeInstance[] = [];
      for (let i = 0; i < options.instancesPerRegion; i++) {
        serial++;
        const r = rnd();
        const state = r < 0.8 ? 'running' : r < 0.93 ? 'stopped' : r < 0.96 ? 'pending' : 'terminated';
        const type = rnd() < 0.04 && unpriced.length ? pick(unpriced) : pick(types);
        const lifecycle = rnd() < 0.3 ? 'spot' : undefined;
        const launchTime = new Date(slot - Math.floor(rnd() * 90 * 24 * 3_600_000) - 3_600_000);
        // Most running instances report every five minutes; some are idle, some busy, a few silent.
        const profile = rnd();
        const level = profile < 0.3 ? 2 + 6 * rnd() : 20 + 75 * rnd();
        const cpuLevel = state === 'running' && profile < 0.95 ? +level.toFixed(2) : undefined;
        instances.push({
          id: `i-${hex(serial, 17)}`,
          type,
          state,
          az: pick(azs),
          launchTime,
          ...(lifecycle ? { lifecycle } : {}),
          ...(cpuLevel !== undefined ? { cpuLevel } : {}),
        });
      }
      const volumes: FakeVolume[] = [];
      const ebs = ['gp3', 'gp3', 'gp3', 'gp2', 'io2', 'st1'];
      const attachable = instances.filter((i) => i.state !== 'terminated');
      for (let v = 0; v < options.volumesPerRegion; v++) {
        serial++;
        const free = rnd() < 0.15 || !attachable.length;
        const at = free ? undefined : pick(attachable);
        volumes.push({
          id: `vol-${hex(serial, 17)}`,
          sizeGiB: pick([8, 20, 50, 100, 500, 1000]),
          type: pick(ebs),
          state: free ? 'available' : 'in-use',
          az: at?.az ?? pick(azs),
          ...(at ? { attachedTo: at.id } : {}),
        });
      }
      regions[region] = { instances, volumes };
    }
    return { id: account.id, regions };
  });
  return {
    accounts,
    keys: [
      {
        accessKeyId: options.accessKeyId,
        secretAccessKey: options.secretAccessKey,
        account: options.accounts[0]!.id,
      },
    ],
    spotPrices,
  };
}

/** The sandbox's estate: account `sandbox` (us-east-1, us-west-2) and `research` (eu-west-1) by a role. */
export const SANDBOX_ACCOUNTS = [
  { name: 'sandbox', id: '111111111111', regions: ['us-east-1', 'us-west-2'] },
  { name: 'research', id: '222222222222', regions: ['eu-west-1'], role: 'datadog-collectors-ec2-read' },
] as const;

export function generateSandboxEstate(
  now: Date,
  accessKeyId: string,
  secretAccessKey: string,
): FakeAwsDataset {
  const base = generateEstate({
    now,
    accounts: SANDBOX_ACCOUNTS.map((a) => ({ id: a.id, regions: a.regions })),
    instancesPerRegion: 40,
    volumesPerRegion: 25,
    accessKeyId,
    secretAccessKey,
  });
  // Every kind the metrics tell apart, in the first region: a partitioned GPU, Trainium, a p4d.
  const first = base.accounts[0]!;
  const region = first.regions['us-east-1']!;
  const slot = Math.floor(now.getTime() / FIVE_MIN) * FIVE_MIN;
  const extra: FakeInstance[] = ['g6f.large', 'trn1.32xlarge', 'p4d.24xlarge', 'g6.xlarge'].map(
    (type, k) => ({
      id: `i-${hex(0xfff00 + k, 17)}`,
      type,
      state: 'running',
      az: 'us-east-1a',
      launchTime: new Date(slot - (k + 2) * 86_400_000),
      cpuLevel: 40 + k,
    }),
  );
  return {
    ...base,
    accounts: [
      {
        ...first,
        regions: { ...first.regions, 'us-east-1': { ...region, instances: [...region.instances, ...extra] } },
      },
      ...base.accounts.slice(1),
    ],
  };
}
