/**
 * The engine's roll-ups with a small collector of its own (docs/metrics.md#roll-ups): targets t0–t3
 * in teams red (t0, t1) and blue (t2, t3); group `a` samples the numbers 10 × target + 1 … 10 ×
 * target + k, group `b` reports a count and no sample. Its roll-up is the median of the union.
 */
import { z } from 'zod';
import { catalog, metric, rollupMetric } from '../../src/catalog/declare';
import type { DataPoint } from '../../src/catalog/model';
import { median } from '../../src/collectors/kit/statistics';
import type { Collector } from '../../src/collectors/types';
import { collectLocal } from '../../src/engine/collect-local';
import { memoryLogger } from '../../src/log';
import type { CycleResult } from '../../src/workflows/types';
import { memorySink } from '../support/memory-sink';
import { testRuntime } from '../support/runtime';
import { envSecrets, withWorker } from '../support/temporal';

const p50 = metric({
  name: 'roll.a.p50',
  unit: 'minute',
  group: 'a',
  backfill: true,
  description: 'A median.',
});
const rollCatalog = catalog({
  collector: 'roll',
  targetTags: { target: { description: 'The target.' }, team: { description: 'Its team.' } },
  tags: {},
  groups: [
    { name: 'a', description: 'Rolls up.', timeout: '10s' },
    { name: 'b', description: 'Does not.', timeout: '10s' },
  ],
  metrics: [
    p50,
    metric({ name: 'roll.b.count', unit: 'count', group: 'b', backfill: true, description: 'A count.' }),
    rollupMetric('team', p50, 'Over the team'),
  ],
  rollup: { key: 'team', description: 'the targets of one team' },
});

const settingsSchema = z.object({
  targets: z.object({}).default({}),
  options: z
    .object({
      /** Numbers per sample. */
      k: z.number().int().positive().default(3),
      /** Targets whose unit of group a fails. */
      fail: z.array(z.string()).default([]),
      /** Targets whose unit of group a the plan skips (`skipUnits`). */
      skip: z.array(z.string()).default([]),
      /** The roll-up throws for this team. */
      throwFor: z.string().optional(),
    })
    .default({ k: 3, fail: [], skip: [] }),
});
type Settings = z.output<typeof settingsSchema>;

const rollCollector: Collector<Settings> = {
  name: 'roll',
  description: 'Test collector with a roll-up.',
  catalog: rollCatalog,
  defaultSchedule: '1m',
  settingsSchema,
  secrets: [],
  rateBudget: { unitsPerSecond: 1000, note: 'No real source behind it.' },
  probe: () => Promise.resolve('roll'),
  skipUnits: ({ settings }, units) =>
    Promise.resolve(
      units
        .filter((u) => u.group === 'a' && settings.options.skip.includes(u.target.id))
        .map((u) => ({ group: u.group, target: u.target.id, reason: 'rate budget spent' })),
    ),
  targets: () =>
    Promise.resolve(
      [0, 1, 2, 3].map((i) => ({ id: `t${i}`, tags: { target: `t${i}`, team: i < 2 ? 'red' : 'blue' } })),
    ),
  collect(ctx) {
    const i = Number(ctx.target.id.slice(1));
    if (ctx.group === 'b') return Promise.resolve([{ metric: 'roll.b.count', value: i }]);
    if (ctx.settings.options.fail.includes(ctx.target.id)) {
      return Promise.reject(new Error(`scripted failure of ${ctx.target.id}`));
    }
    const values = Array.from({ length: ctx.settings.options.k }, (_, j) => 10 * i + j + 1);
    ctx.sample({ v: values });
    return Promise.resolve([{ metric: 'roll.a.p50', value: median(values)! }]);
  },
  rollup: {
    compute({ key, samples }) {
      // A collector bug for one team: the engine reports it, the other team's points still go.
      if (key === rollSettings.throwFor) throw new Error(`no roll-up for ${key}`);
      const v = median(samples.flatMap((s) => s.v as number[]));
      return v === undefined ? [] : [{ metric: 'roll.team.a.p50', value: v }];
    },
  },
};
let rollSettings: Settings['options'] = { k: 3, fail: [], skip: [] };

const ASOF = new Date(Math.floor(Date.now() / 60_000) * 60_000);

async function cycle(options: Partial<Settings['options']>, batchSize = 50) {
  rollSettings = { k: 3, fail: [], skip: [], ...options };
  const sink = memorySink();
  const runtime = testRuntime({ collector: rollCollector, settings: { options: rollSettings }, batchSize });
  const result = await withWorker(
    { runtime, sink, registry: new Map([['roll', rollCollector]]), secrets: envSecrets() },
    async ({ client, taskQueue }) =>
      (await client.workflow.execute('collectionCycle', {
        taskQueue,
        workflowId: `roll-${taskQueue}`,
        args: [{ collector: 'roll', asOf: ASOF.toISOString() }],
      })) as CycleResult,
  );
  const team = (name: string) =>
    sink.points.find((p) => p.metric === 'roll.team.a.p50' && p.tags.includes(`team:${name}`));
  return { result, sink, team };
}

test('one roll-up per key of the groups that roll up, tagged with the key only', async () => {
  const { result, team, sink } = await cycle({});
  // red: t0 1 2 3, t1 11 12 13 → median of the 6 values (3 + 11) / 2; per target 2 and 12.
  expect(team('red')?.value).toBe(7);
  // blue: 21 22 23, 31 32 33 → (23 + 31) / 2.
  expect(team('blue')?.value).toBe(27);
  expect(team('red')?.tags).toEqual([
    'collector:roll',
    'env:test',
    'service:datadog-collectors',
    'team:red',
    'version:1.0.0',
  ]);
  // Group b has no roll-up metric: no roll-up runs for it.
  expect(result.rollups).toEqual([
    { group: 'a', key: 'red', points: 1 },
    { group: 'a', key: 'blue', points: 1 },
  ]);
  // 4 × a + 4 × b + 2 roll-ups.
  expect(result.submitted).toBe(10);
  const metricCount = sink.points.find((p: DataPoint) => p.metric === 'collector.roll.metric_count');
  expect(metricCount?.value).toBe(10);
}, 30_000);

test("a failed unit takes out its key's roll-up only; a roll-up that throws is reported, not fatal", async () => {
  const failed = await cycle({ fail: ['t1'] });
  expect(failed.team('red')).toBeUndefined();
  expect(failed.team('blue')?.value).toBe(27);
  expect(failed.result.rollups).toEqual([
    { group: 'a', key: 'red', points: 0, absent: 'no sample of 1 of 2 targets: their unit failed' },
    { group: 'a', key: 'blue', points: 1 },
  ]);

  const thrown = await cycle({ throwFor: 'blue' });
  expect(thrown.team('red')?.value).toBe(7);
  expect(thrown.team('blue')).toBeUndefined();
  expect(thrown.result.rollups?.[1]).toEqual({
    group: 'a',
    key: 'blue',
    points: 0,
    error: expect.stringContaining('no roll-up for blue'),
  });
  expect(thrown.result.failed).toBe(0);
}, 60_000);

test('samples too large for a roll-up, or for a batch result, leave the roll-up out with the reason', async () => {
  // 100,000 numbers a sample: t0's 1 … 100,000 are 488,895 digits and 99,999 commas, about 0.59 MB;
  // the other targets' about as much.
  const k = 100_000;
  // A batch per target (its units a and b): each batch returns one sample, but red's two together
  // exceed the roll-up's 1 MB.
  const big = await cycle({ k }, 2);
  expect(big.team('red')).toBeUndefined();
  expect(big.result.rollups?.[0]).toEqual({
    group: 'a',
    key: 'red',
    points: 0,
    absent: expect.stringMatching(/^its samples \(\d+ bytes\) exceed 1048576 bytes$/),
  });
  // One batch for all: its four samples exceed the 1 MB a batch returns, and are left out.
  const batch = await cycle({ k }, 8);
  expect(batch.result.failed).toBe(0);
  expect(batch.result.rollups).toEqual([
    {
      group: 'a',
      key: 'red',
      points: 0,
      absent: expect.stringContaining("2 sample(s) were too large for their batch's result"),
    },
    {
      group: 'a',
      key: 'blue',
      points: 0,
      absent: expect.stringContaining("2 sample(s) were too large for their batch's result"),
    },
  ]);
  // The units' own points still went.
  expect(batch.sink.points.filter((p) => p.metric === 'roll.a.p50')).toHaveLength(4);
}, 60_000);

test('collectors collect runs the same roll-ups after its units', async () => {
  rollSettings = { k: 3, fail: ['t2'], skip: [] };
  const runtime = testRuntime({ collector: rollCollector, settings: { options: rollSettings } });
  const run = await collectLocal({
    runtime,
    collector: 'roll',
    asOf: ASOF,
    secrets: envSecrets(),
    log: memoryLogger('error'),
    fetch,
  });
  expect(run.points.filter((p) => p.metric === 'roll.team.a.p50').map((p) => [p.value, p.tags])).toEqual([
    [7, ['collector:roll', 'env:test', 'service:datadog-collectors', 'team:red', 'version:1.0.0']],
  ]);
  expect(run.rollups).toEqual([
    { group: 'a', key: 'red', points: 1 },
    {
      group: 'a',
      key: 'blue',
      points: 0,
      absent: 'no sample of 1 of 2 targets (t2): their unit failed or did not run',
    },
  ]);
});

test("a skipped unit takes out its key's roll-up, with the reason; nothing failed", async () => {
  // t1's unit of group a is skipped: red (t0, t1) has no roll-up, blue (t2, t3) has its 27 as above.
  const { result, team, sink } = await cycle({ skip: ['t1'] });
  expect(team('red')).toBeUndefined();
  expect(team('blue')?.value).toBe(27);
  expect(result.rollups).toEqual([
    {
      group: 'a',
      key: 'red',
      points: 0,
      absent: 'no sample of 1 of 2 targets: their unit was skipped (rate budget spent)',
    },
    { group: 'a', key: 'blue', points: 1 },
  ]);
  expect(result).toMatchObject({ failed: 0, skipped: 1 });
  // 3 × a + 4 × b + blue's roll-up; t1's a sends nothing.
  expect(result.submitted).toBe(8);
  expect(sink.points.filter((p) => p.metric === 'roll.a.p50')).toHaveLength(3);
  const skipped = sink.points.filter((p) => p.metric === 'collector.roll.group.skipped');
  expect(skipped.map((p) => [p.tags.find((t) => t.startsWith('group:')), p.value])).toEqual([
    ['group:a', 1],
    ['group:b', 0],
  ]);
}, 30_000);

test('collectors collect leaves out the roll-up of a key with a skipped unit, with the reason', async () => {
  rollSettings = { k: 3, fail: [], skip: ['t3'] };
  const runtime = testRuntime({ collector: rollCollector, settings: { options: rollSettings } });
  const run = await collectLocal({
    runtime,
    collector: 'roll',
    asOf: ASOF,
    secrets: envSecrets(),
    log: memoryLogger('error'),
    fetch,
  });
  expect(run.plan.skipped).toEqual([{ group: 'a', reason: 'rate budget spent', targets: ['t3'] }]);
  // 8 units planned, t3's a skipped: 7 ran.
  expect(run.outcomes).toHaveLength(7);
  expect(run.rollups).toEqual([
    { group: 'a', key: 'red', points: 1 },
    {
      group: 'a',
      key: 'blue',
      points: 0,
      absent: 'no sample of 1 of 2 targets (t3): 1 unit(s) skipped (rate budget spent)',
    },
  ]);
});
