/**
 * A test-only collector whose behaviour each test scripts per unit: sleep, fail N times then
 * succeed, fail for good, hang, emit an invalid point, leak a secret into an error. Its values
 * are a pure function of (asOf, group, target), so the same slot always gives the same points.
 */
import { z } from 'zod';
import type { Catalog, Point } from '../../src/catalog/model';
import { PermanentError } from '../../src/errors';
import type { Collector } from '../../src/collectors/types';

export const GROUPS = ['alpha', 'beta', 'gamma', 'delta'] as const;

export const syntheticCatalog: Catalog = {
  collector: 'synthetic',
  targetTags: { target: { description: 'The synthetic target.' } },
  tags: { status: { description: 'A bounded status.', values: ['ok', 'bad'] } },
  groups: GROUPS.map((name) => ({ name, description: `Synthetic group ${name}.`, timeout: '10s' })),
  metrics: [
    ...GROUPS.map((group) => ({
      name: `synthetic.${group}.value`,
      type: 'gauge' as const,
      unit: 'count' as const,
      description: `A value of group ${group}, a pure function of the slot and target.`,
      group,
      tags: [],
      backfill: true,
    })),
    {
      name: 'synthetic.alpha.by_status',
      type: 'gauge',
      unit: 'count',
      description: 'A value per status.',
      group: 'alpha',
      tags: ['status'],
      backfill: true,
    },
    {
      name: 'synthetic.alpha.present_only',
      type: 'gauge',
      unit: 'count',
      description: 'A state-of-now value that cannot be backfilled.',
      group: 'alpha',
      tags: [],
      backfill: false,
    },
  ],
};

const behaviour = z
  .object({
    /** Sleep this long before returning. */
    sleepMs: z.number().int().nonnegative().optional(),
    /** Throw a retryable error on the first N attempts. */
    failTimes: z.number().int().nonnegative().optional(),
    /** Throw a PermanentError with this message. */
    permanent: z.string().optional(),
    /** Also emit one undeclared point. */
    invalid: z.boolean().optional(),
    /** Throw an error whose message contains the secret (a collector bug the engine must redact). */
    leakSecret: z.boolean().optional(),
  })
  .strict();
export type Behaviour = z.infer<typeof behaviour>;

const settingsSchema = z
  .object({
    targets: z.object({ count: z.number().int().positive() }).strict(),
    options: z
      .object({
        /** Behaviour by unit key: `group/target`, `*\/target`, `group/*` or `*`. */
        behaviours: z.record(z.string(), behaviour).default({}),
        /** Read this secret on every unit (to prove it never reaches history or logs). */
        secret: z.string().optional(),
        /** Make `probe` fail with this message (a service down, a bad token). */
        probeError: z.string().optional(),
      })
      .strict()
      .default({ behaviours: {} }),
  })
  .strict();
export type SyntheticSettings = z.infer<typeof settingsSchema>;

export function targetId(i: number): string {
  return `t${String(i).padStart(3, '0')}`;
}

/** Attempts per unit key `group/target`, counted by the collector itself (the worker runs in the test process). */
export const attempts = new Map<string, number>();

function behaviourFor(settings: SyntheticSettings, group: string, target: string): Behaviour {
  const b = settings.options.behaviours;
  return { ...b['*'], ...b[`${group}/*`], ...b[`*/${target}`], ...b[`${group}/${target}`] };
}

/** The value every test derives by hand: asOf seconds mod 1000, plus the target number, plus 1000 × group index. */
export function expectedValue(asOf: Date, group: string, target: string): number {
  return (
    (Math.floor(asOf.getTime() / 1000) % 1000) +
    Number(target.slice(1)) +
    1000 * GROUPS.indexOf(group as (typeof GROUPS)[number])
  );
}

export const syntheticCollector: Collector<SyntheticSettings> = {
  name: 'synthetic',
  description: 'Test collector with scripted behaviour.',
  catalog: syntheticCatalog,
  defaultSchedule: '1m',
  settingsSchema,
  secrets: ['synthetic/token'],
  // `--count 3 --fail alpha/t001` on the command line, without a config file.
  flags: [
    { name: 'count', value: 'n', description: 'this many targets', setsTargets: true },
    { name: 'fail', value: 'group/target', description: 'make this unit fail for good', repeatable: true },
  ],
  settingsFromFlags: (flags) => ({
    targets: { count: Number(flags.count?.[0] ?? 1) },
    options: {
      behaviours: Object.fromEntries(
        (flags.fail ?? []).map((unit) => [unit, { permanent: `scripted failure of ${unit}` }]),
      ),
    },
  }),
  rateBudget: { unitsPerSecond: 1000, note: 'No real source behind it.' },
  probe: ({ settings }) =>
    settings.options.probeError
      ? Promise.reject(new Error(settings.options.probeError))
      : Promise.resolve(`synthetic source, ${settings.targets.count} target(s)`),
  targets: ({ settings }) =>
    Promise.resolve(
      Array.from({ length: settings.targets.count }, (_, i) => ({
        id: targetId(i),
        tags: { target: targetId(i) },
      })),
    ),
  async collect(ctx) {
    const key = `${ctx.group}/${ctx.target.id}`;
    attempts.set(key, (attempts.get(key) ?? 0) + 1);
    const b = behaviourFor(ctx.settings, ctx.group, ctx.target.id);
    const secret = ctx.settings.options.secret ? await ctx.secrets.require(ctx.settings.options.secret) : '';
    if (b.sleepMs) await sleep(b.sleepMs, ctx.signal);
    if (b.leakSecret) throw new Error(`upstream refused token ${secret}`);
    if (b.permanent) throw new PermanentError(b.permanent, 'fix the synthetic settings');
    if (b.failTimes && ctx.attempt <= b.failTimes) {
      throw new Error(`synthetic transient failure (attempt ${ctx.attempt} of ${b.failTimes} failing)`);
    }
    const value = expectedValue(ctx.asOf, ctx.group, ctx.target.id);
    const points: Point[] = [{ metric: `synthetic.${ctx.group}.value`, value }];
    if (ctx.group === 'alpha') {
      points.push({ metric: 'synthetic.alpha.present_only', value: 1 });
      points.push(
        { metric: 'synthetic.alpha.by_status', value: 2, tags: { status: 'ok' } },
        { metric: 'synthetic.alpha.by_status', value: 3, tags: { status: 'bad' } },
      );
    }
    if (b.invalid) points.push({ metric: 'synthetic.undeclared', value: 1 });
    return points;
  },
};

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    });
  });
}
