/**
 * A collector's `skipUnits` on a real cycle: the units it leaves out do not run, send no point, are
 * no failure, and count in `group.skipped`; a planner that throws skips nothing; a wrong answer fails
 * the plan.
 */
import { WorkflowFailedError } from '@temporalio/client';
import type { DataPoint } from '../../src/catalog/model';
import type { Collector } from '../../src/collectors/types';
import { memoryLogger } from '../../src/log';
import type { CycleResult } from '../../src/workflows/types';
import { memorySink } from '../support/memory-sink';
import { testRuntime } from '../support/runtime';
import { skipThese, skippingCollector, type SkipScript } from '../support/skipping-collector';
import type { SyntheticSettings } from '../support/synthetic-collector';
import { withWorker } from '../support/temporal';

// A recent slot (a live run, not a backfill), on a whole minute. Values are
// (slot seconds mod 1000) + target number + 1000 × group index (alpha 0, beta 1, gamma 2, delta 3).
const ASOF = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const BASE = (ASOF.getTime() / 1000) % 1000;

async function runCycle(collector: Collector<SyntheticSettings>, count: number) {
  const sink = memorySink();
  const log = memoryLogger('warn');
  const runtime = testRuntime({ collector, settings: { targets: { count }, options: {} } });
  const outcome = await withWorker(
    { runtime, sink, log, registry: new Map([['synthetic', collector]]) },
    async ({ client, taskQueue }) => {
      const handle = await client.workflow.start('collectionCycle', {
        taskQueue,
        workflowId: `skip-${taskQueue}`,
        args: [{ collector: 'synthetic', asOf: ASOF.toISOString() }],
      });
      try {
        return { result: (await handle.result()) as CycleResult, error: undefined };
      } catch (error) {
        return { result: undefined, error };
      }
    },
  );
  const data = sink.points.filter((p) => !p.metric.startsWith('collector.'));
  const health = sink.points.filter((p) => p.metric.startsWith('collector.'));
  return { ...outcome, data, health, log };
}

const value = (data: DataPoint[], group: string, target: string) =>
  data.find((p) => p.metric === `synthetic.${group}.value` && p.tags.includes(`target:${target}`))?.value;

const health = (points: DataPoint[], suffix: string) =>
  points.filter((p) => p.metric === `collector.synthetic.${suffix}`);

/** `group.skipped` by group, from the points. */
const skippedByGroup = (points: DataPoint[]) =>
  Object.fromEntries(
    health(points, 'group.skipped').map((p) => [
      p.tags.find((t) => t.startsWith('group:'))!.slice(6),
      p.value,
    ]),
  );

test('skipped units do not run and send no point; the others do; skipped is no failure', async () => {
  // 3 targets × 4 groups = 12 planned units; beta t001, gamma t001 skipped for the budget, beta t002
  // for another reason: 9 run.
  const collector = skippingCollector((units) => [
    ...skipThese('rate budget spent until 15:00', 'beta/t001', 'gamma/t001')(units),
    ...skipThese('unchanged since the last cycle', 'beta/t002')(units),
  ]);
  const { result, data, health: points } = await runCycle(collector, 3);
  expect(result).toMatchObject({ units: 9, succeeded: 9, failed: 0, skipped: 3 });
  expect(result?.skips).toEqual([
    { group: 'beta', reason: 'rate budget spent until 15:00', targets: ['t001'] },
    { group: 'gamma', reason: 'rate budget spent until 15:00', targets: ['t001'] },
    { group: 'beta', reason: 'unchanged since the last cycle', targets: ['t002'] },
  ]);
  expect(result?.outcomes.map((o) => `${o.group}/${o.target}`).sort()).toEqual(
    [
      'alpha/t000',
      'alpha/t001',
      'alpha/t002',
      'beta/t000',
      'delta/t000',
      'delta/t001',
      'delta/t002',
      'gamma/t000',
      'gamma/t002',
    ].sort(),
  );
  // No point at all for a skipped unit (never a zero).
  expect(value(data, 'beta', 't001')).toBeUndefined();
  expect(value(data, 'gamma', 't001')).toBeUndefined();
  expect(value(data, 'beta', 't002')).toBeUndefined();
  // beta of t000: BASE + 0 + 1000; gamma of t002: BASE + 2 + 2000.
  expect(value(data, 'beta', 't000')).toBe(BASE + 1000);
  expect(value(data, 'gamma', 't002')).toBe(BASE + 2002);
  // alpha: 4 points × 3 targets = 12; beta 1, gamma 2, delta 3 → 18.
  expect(data).toHaveLength(18);
  expect(health(points, 'error_count').map((p) => p.value)).toEqual([0]);
  expect(health(points, 'metric_count').map((p) => p.value)).toEqual([18]);
  // One group.skipped per group of the cycle: beta t001 and t002, gamma t001.
  expect(skippedByGroup(points)).toEqual({ alpha: 0, beta: 2, gamma: 1, delta: 0 });
  expect(health(points, 'group.skipped').every((p) => p.tags.includes('mode:manual'))).toBe(true);
  // group.success only for the units that ran.
  expect(health(points, 'group.success')).toHaveLength(9);
}, 30_000);

test('a cycle whose every unit is skipped completes, with nothing failed', async () => {
  const collector = skippingCollector((units) =>
    units.map((u) => ({ group: u.group, target: u.target.id, reason: 'rate budget spent' })),
  );
  // 2 targets × 4 groups, all skipped.
  const { result, error, data, health: points } = await runCycle(collector, 2);
  expect(error).toBeUndefined();
  expect(result).toMatchObject({ units: 0, succeeded: 0, failed: 0, skipped: 8, submitted: 0 });
  expect(result?.skips).toEqual(
    ['alpha', 'beta', 'gamma', 'delta'].map((group) => ({
      group,
      reason: 'rate budget spent',
      targets: ['t000', 't001'],
    })),
  );
  expect(data).toEqual([]);
  expect(skippedByGroup(points)).toEqual({ alpha: 2, beta: 2, gamma: 2, delta: 2 });
  expect(health(points, 'error_count').map((p) => p.value)).toEqual([0]);
}, 30_000);

test('a skipUnits that throws skips nothing, with a warning', async () => {
  const collector = skippingCollector(() => {
    throw new Error('rate limit endpoint unreachable');
  });
  const { result, data, health: points, log } = await runCycle(collector, 2);
  // 2 targets × 4 groups all run: 2 × 7 points.
  expect(result).toMatchObject({ units: 8, succeeded: 8, failed: 0, skipped: 0 });
  expect(result?.skips).toBeUndefined();
  expect(data).toHaveLength(14);
  expect(skippedByGroup(points)).toEqual({ alpha: 0, beta: 0, gamma: 0, delta: 0 });
  const warning = log.lines.find((l) => l.includes('skipUnits failed'));
  expect(warning).toContain('rate limit endpoint unreachable');
  expect(warning).toContain('"level":"warn"');
}, 30_000);

const unit = (group: string, target: string, reason: string) => ({ group, target, reason });

test.each<[string, SkipScript, string]>([
  [
    'a unit that was not planned',
    () => [unit('beta', 't009', 'budget')],
    'synthetic: skipUnits answered a unit that is not planned in this cycle: beta t009',
  ],
  [
    'a unit twice',
    () => [unit('beta', 't000', 'budget'), unit('beta', 't000', 'budget')],
    'synthetic: skipUnits answered the unit beta t000 twice',
  ],
  [
    'a unit without a reason',
    () => [unit('beta', 't000', '')],
    'synthetic: skipUnits answered the unit beta t000 without a reason',
  ],
])(
  'an answer with %s fails the plan, naming the collector',
  async (_what, script, message) => {
    // 1 target: the planned units are alpha … delta of t000.
    const { result, error, data } = await runCycle(skippingCollector(script), 1);
    expect(result).toBeUndefined();
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const failure = (error as WorkflowFailedError).cause;
    expect(failure?.message).toContain('synthetic: the cycle could not be planned');
    expect(failure?.message).toContain(message);
    expect(data).toEqual([]);
  },
  30_000,
);
