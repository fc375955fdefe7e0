/**
 * EC2 collector benchmark (`npm run bench -- ec2`): cycles of 5,000 instances and 2,000 volumes over
 * two accounts × two regions (the second account through an assumed role), every unit of the cycle at
 * once as the engine runs them, against the fake AWS answering after 50 ms. A cold cycle (no price,
 * type or role session known) then warm ones: AWS calls by action next to the least a cycle needs,
 * wall time per region, peak RSS. Goals: warm calls ≤ 1.2 × the least; the Price List API called only
 * in the cold cycle (once a day per region and type set); every region's units done in < 10 s.
 * Progress on stderr, the table on stdout, everything in out/bench/ec2.json.
 */
import { performance } from 'node:perf_hooks';
import { ec2Collector } from '../src/collectors/ec2';
import { settingsSchema, type Ec2Settings } from '../src/collectors/ec2/settings';
import { targetOf } from '../src/collectors/ec2/targets';
import { machineLine } from './collector/report';
import { unitContext, warningsOf } from './collector/context';
import { measureCycle } from './collector/cycle';
import { driveCollectorBench } from './collector/drive';
import type { CollectorBenchResult } from './collector/spec';
import { FAKE_FLAGS, fakeOptions } from './collector/flags';
import { intFlag as int, parseFlags } from './driver/args';
import { secretsOf } from './driver/secrets';
import { formatTable } from './driver/stats';

export interface Ec2BenchOptions {
  readonly instances: number;
  readonly volumes: number;
  /** Warm cycles measured after the cold one. */
  readonly cycles: number;
  readonly latencyMs: number;
  readonly seed: number;
}

const USAGE = `usage: npm run bench -- ec2 [--instances 5000] [--volumes 2000] [--cycles 3] [--latency 50] [--seed 1]
  --instances N   instances over the 4 account × region targets (default 5000)
  --volumes N     EBS volumes over them (default 2000)
  --cycles N      warm cycles after the cold one (default 3)
  --latency MS    delay of every answer of the fake AWS (default 50)
  --seed N        seed of the generated estate (default 1)`;

function parse(argv: readonly string[]): Ec2BenchOptions | 'help' {
  const values = parseFlags(argv, {
    instances: { type: 'string', default: '5000' },
    volumes: { type: 'string', default: '2000' },
    cycles: { type: 'string', default: '3' },
    ...FAKE_FLAGS,
  });
  if (values === 'help') return 'help';
  return {
    instances: int('instances', values.instances, 4, 200_000),
    volumes: int('volumes', values.volumes, 4, 200_000),
    cycles: int('cycles', values.cycles, 1, 100),
    ...fakeOptions(values),
  };
}

const OWN = { name: 'own', id: '111111111111', regions: ['us-east-1', 'us-west-2'] };
const OTHER = { name: 'other', id: '222222222222', regions: ['eu-west-1', 'ap-northeast-1'] };
const KEYS = {
  accessKeyId: 'AKIABENCHMARK0000001',
  secretAccessKey: 'benchmark-secret-access-key-000000000000',
};
const GROUPS = ['instances', 'volumes'] as const;
const SAMPLE_MS = 5;

/** What a target holds, counted in the fake's process from its dataset. */
interface TargetServed {
  readonly id: string;
  readonly instances: number;
  readonly running: number;
  readonly runningTypes: number;
  readonly spotPriceable: number;
  readonly volumes: number;
  readonly volumeTypes: number;
  readonly viaRole: boolean;
}

type Ec2Fake = {
  start: { now: number; instances: number; volumes: number; seed: number; latencyMs: number };
  started: { url: string; targets: TargetServed[] };
  request: { action: string; status: number };
  ops: Record<string, never>;
};

/** The least calls of a cycle: listings' pages and CloudWatch batches; a cold one adds types, prices, roles. */
export function leastCalls(targets: readonly TargetServed[], cold: boolean): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (action: string, n: number) => n && (out[action] = (out[action] ?? 0) + n);
  for (const t of targets) {
    add('ec2:DescribeInstances', Math.max(1, Math.ceil(t.instances / 1000)));
    add('ec2:DescribeVolumes', Math.max(1, Math.ceil(t.volumes / 500)));
    add('cloudwatch:GetMetricData', Math.ceil(t.running / 500));
    // Spot prices change: read every cycle where spot instances run (one page holds every type × AZ here).
    add('ec2:DescribeSpotPriceHistory', t.spotPriceable ? 1 : 0);
    if (cold) {
      add('ec2:DescribeInstanceTypes', Math.ceil(t.runningTypes / 100));
      add('pricing:GetProducts', Math.ceil(t.runningTypes / 100) + Math.ceil(t.volumeTypes / 100));
    }
  }
  if (cold && targets.some((t) => t.viaRole)) add('sts:AssumeRole', 1);
  return out;
}

interface CycleResult {
  readonly cold: boolean;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssPeakBytes: number;
  readonly points: number;
  readonly calls: Record<string, number>;
  readonly least: Record<string, number>;
  /** Wall time of each target's units (the slower of its two), ms. */
  readonly targetWallMs: Record<string, number>;
  readonly warnings: string[];
}

interface Ec2Measured {
  readonly targets: TargetServed[];
  readonly cycles: CycleResult[];
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

function settingsOf(url: string): Ec2Settings {
  const endpoints = { ec2: url, cloudwatch: url, pricing: url, sts: url };
  return settingsSchema.parse({
    targets: {
      accounts: [
        { name: OWN.name, regions: OWN.regions, endpoints },
        {
          name: OTHER.name,
          roleArn: `arn:aws:iam::${OTHER.id}:role/bench-read`,
          regions: OTHER.regions,
          endpoints,
        },
      ],
    },
  });
}

driveCollectorBench<Ec2BenchOptions, Ec2Fake, Ec2Measured>({
  name: 'ec2',
  usage: USAGE,
  parse,
  async startFake({ now, instances, volumes, seed, latencyMs }) {
    const { generateEstate, startFakeAws } = await import('../src/fakes/ec2/index.js');
    const { ON_DEMAND } = await import('../src/fakes/ec2/prices.js');
    const dataset = generateEstate({
      now: new Date(now),
      accounts: [OWN, OTHER].map((a) => ({ id: a.id, regions: a.regions })),
      instancesPerRegion: Math.round(instances / 4),
      volumesPerRegion: Math.round(volumes / 4),
      seed,
      ...KEYS,
    });
    const fake = await startFakeAws({ dataset, latencyMs });
    const targets: TargetServed[] = [];
    for (const [a, account] of dataset.accounts.entries()) {
      const named = a === 0 ? OWN : OTHER;
      for (const [region, data] of Object.entries(account.regions)) {
        const live = data.instances.filter((i) => i.state !== 'terminated');
        const running = live.filter((i) => i.state === 'running');
        targets.push({
          id: `${named.name}/${region}`,
          instances: live.length,
          running: running.length,
          runningTypes: new Set(running.map((i) => i.type)).size,
          spotPriceable: running.filter(
            (i) => i.lifecycle === 'spot' && ON_DEMAND[region]?.[i.type] !== undefined,
          ).length,
          volumes: data.volumes.length,
          volumeTypes: new Set(data.volumes.map((v) => v.type)).size,
          viaRole: a > 0,
        });
      }
    }
    return {
      started: { url: fake.url, targets },
      get requests() {
        return fake.served;
      },
      ops: {},
      close: () => fake.close(),
    };
  },
  async measure({ options, progress, startFake }) {
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    const asOf = new Date(now);
    progress(`generating ${options.instances} instances and ${options.volumes} volumes over 4 targets…`);
    const fake = await startFake({ now, ...options });
    const { url, targets } = fake.started;
    progress(
      `fake AWS at ${url}: ${targets.map((t) => `${t.id} (${t.instances} instances, ${t.volumes} volumes)`).join(', ')}`,
    );
    const settings = settingsOf(url);
    const secrets = secretsOf({
      'ec2/access-key-id': KEYS.accessKeyId,
      'ec2/secret-access-key': KEYS.secretAccessKey,
    });
    const cycles: CycleResult[] = [];
    try {
      for (let c = 0; c <= options.cycles; c++) {
        const cold = c === 0;
        const contexts = targets.flatMap((t) =>
          GROUPS.map((group) => {
            const [account, region] = t.id.split('/') as [string, string];
            return {
              id: t.id,
              ctx: unitContext({ group, target: targetOf(account, region), settings, asOf, secrets }),
            };
          }),
        );
        const targetWallMs: Record<string, number> = {};
        const { run, requests } = await fake.around(() =>
          measureCycle(SAMPLE_MS, async () => {
            const results = await Promise.all(
              contexts.map(async ({ id, ctx }) => {
                const started = performance.now();
                const points = await ec2Collector.collect(ctx);
                targetWallMs[id] = Math.max(targetWallMs[id] ?? 0, performance.now() - started);
                return points.length;
              }),
            );
            return results.reduce((a, b) => a + b, 0);
          }),
        );
        const failed = requests.filter((r) => r.status !== 200);
        if (failed.length)
          throw new Error(`${failed.length} AWS calls failed in cycle ${c}: ${failed[0]!.action}`);
        const calls: Record<string, number> = {};
        for (const r of requests) calls[r.action] = (calls[r.action] ?? 0) + 1;
        const result: CycleResult = {
          cold,
          wallMs: run.wallMs,
          cpuMs: run.cpuMs,
          rssPeakBytes: run.memory.rssPeakBytes,
          points: run.result,
          calls,
          least: leastCalls(targets, cold),
          targetWallMs,
          warnings: [...new Set(contexts.flatMap(({ ctx }) => warningsOf(ctx)))],
        };
        cycles.push(result);
        progress(
          `${cold ? 'cold' : 'warm'} cycle: ${sum(calls)} calls (least ${sum(result.least)}), ${run.wallMs.toFixed(0)} ms, ` +
            `slowest region ${Math.max(...Object.values(targetWallMs)).toFixed(0)} ms, peak RSS ${(run.memory.rssPeakBytes / 1e6).toFixed(0)} MB`,
        );
      }
    } finally {
      await fake.stop();
    }
    return { targets, cycles };
  },
  render(result: CollectorBenchResult<Ec2BenchOptions, Ec2Measured>) {
    const actions = [
      ...new Set(result.cycles.flatMap((c) => [...Object.keys(c.calls), ...Object.keys(c.least)])),
    ].sort();
    const cold = result.cycles[0]!;
    const warm = result.cycles.slice(1);
    const lastWarm = warm[warm.length - 1]!;
    const rows: string[][] = [['AWS calls per cycle', 'cold', 'least', 'warm', 'least']];
    for (const a of actions) {
      rows.push([
        a,
        String(cold.calls[a] ?? 0),
        String(cold.least[a] ?? 0),
        String(lastWarm.calls[a] ?? 0),
        String(lastWarm.least[a] ?? 0),
      ]);
    }
    rows.push([
      'total',
      String(sum(cold.calls)),
      String(sum(cold.least)),
      String(sum(lastWarm.calls)),
      String(sum(lastWarm.least)),
    ]);
    const ratio = (c: CycleResult) => (sum(c.calls) / sum(c.least)).toFixed(2);
    const slowest = (c: CycleResult) => Math.max(...Object.values(c.targetWallMs));
    const lines = [
      `EC2: ${result.targets.reduce((n, t) => n + t.instances, 0)} instances (${result.targets.reduce((n, t) => n + t.running, 0)} running), ` +
        `${result.targets.reduce((n, t) => n + t.volumes, 0)} volumes over ${result.targets.length} account × region targets; fake latency ${result.options.latencyMs} ms`,
      machineLine(result.environment),
      '',
      formatTable(rows),
      '',
      formatTable([
        ['cycle', 'calls / least', 'wall ms', 'slowest region ms', 'CPU ms', 'peak RSS MB', 'points'],
        ...result.cycles.map((c, i) => [
          c.cold ? 'cold' : `warm ${i}`,
          ratio(c),
          c.wallMs.toFixed(0),
          slowest(c).toFixed(0),
          c.cpuMs.toFixed(0),
          (c.rssPeakBytes / 1e6).toFixed(0),
          String(c.points),
        ]),
      ]),
    ];
    const warnings = [...new Set(result.cycles.flatMap((c) => c.warnings))];
    if (warnings.length) lines.push('', `warnings: ${warnings.join('; ')}`);
    return lines.join('\n');
  },
  verify(result) {
    const warm = result.cycles.slice(1);
    const problems: string[] = [];
    for (const c of warm) {
      if (sum(c.calls) > 1.2 * sum(c.least))
        problems.push(`a warm cycle made ${sum(c.calls)} calls, over 1.2 × ${sum(c.least)}`);
      if (c.calls['pricing:GetProducts']) problems.push('a warm cycle called the Price List API');
    }
    for (const c of result.cycles) {
      const slow = Object.entries(c.targetWallMs).filter(([, ms]) => ms >= 10_000);
      if (slow.length) problems.push(`regions over 10 s: ${slow.map(([id]) => id).join(', ')}`);
    }
    if (problems.length) throw new Error(problems.join('; '));
  },
});
