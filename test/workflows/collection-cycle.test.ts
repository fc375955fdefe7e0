import { WorkflowFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import type { DataPoint } from '../../src/catalog/model';
import type { CycleResult } from '../../src/workflows/types';
import { memorySink } from '../support/memory-sink';
import { testRuntime, type TestRuntimeOptions } from '../support/runtime';
import { attempts, syntheticCollector, type Behaviour } from '../support/synthetic-collector';
import { withWorker } from '../support/temporal';

// A recent slot (a live run, not a backfill), on a whole minute. Values are
// (slot seconds mod 1000) + target number + 1000 × group index (alpha 0, beta 1, gamma 2, delta 3).
const ASOF = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const BASE = (ASOF.getTime() / 1000) % 1000;

function settings(count: number, behaviours: Record<string, Behaviour> = {}) {
  return { targets: { count }, options: { behaviours } };
}

async function runCycle(
  options: Omit<TestRuntimeOptions, 'collector'>,
  args: { asOf?: string } = { asOf: ASOF.toISOString() },
) {
  const sink = memorySink();
  const runtime = testRuntime({ collector: syntheticCollector, ...options });
  const outcome = await withWorker({ runtime, sink }, async ({ client, taskQueue }) => {
    const handle = await client.workflow.start('collectionCycle', {
      taskQueue,
      workflowId: `cycle-${taskQueue}`,
      args: [{ collector: 'synthetic', ...args }],
    });
    try {
      return { result: (await handle.result()) as CycleResult, error: undefined };
    } catch (error) {
      return { result: undefined, error };
    }
  });
  const data = sink.points.filter((p) => !p.metric.startsWith('collector.'));
  const health = sink.points.filter((p) => p.metric.startsWith('collector.'));
  return { ...outcome, sink, data, health };
}

function healthValue(health: DataPoint[], suffix: string): number | undefined {
  return health.find((p) => p.metric === `collector.synthetic.${suffix}`)?.value;
}

function valueOf(data: DataPoint[], metric: string, target: string): number | undefined {
  return data.find((p) => p.metric === metric && p.tags.includes(`target:${target}`))?.value;
}

beforeEach(() => attempts.clear());

test('runs the units of a cycle concurrently and tags every point', async () => {
  // 3 targets × 4 groups = 12 units of 600 ms each: 7.2 s one after another, ~0.6 s side by side.
  const { result, data, health } = await runCycle({ settings: settings(3, { '*': { sleepMs: 600 } }) });
  expect(result?.units).toBe(12);
  expect(result?.succeeded).toBe(12);
  expect(result!.durationSeconds).toBeLessThan(3);
  // Each target: alpha gives value + present_only + 2 by_status = 4 points, beta/gamma/delta 1 each → 7 × 3 = 21.
  expect(data).toHaveLength(21);
  expect(result?.submitted).toBe(21);
  // beta of t002: BASE + 2 (target) + 1000 × 1 (beta).
  expect(valueOf(data, 'synthetic.beta.value', 't002')).toBe(BASE + 1002);
  const sample = data.find((p) => p.metric === 'synthetic.alpha.by_status' && p.tags.includes('status:bad'));
  expect(sample?.tags).toEqual([
    'collector:synthetic',
    'env:test',
    'service:datadog-collectors',
    'status:bad',
    'target:t000',
    'version:1.0.0',
  ]);
  expect(sample?.type).toBe('gauge');
  expect(healthValue(health, 'metric_count')).toBe(21);
  expect(healthValue(health, 'error_count')).toBe(0);
});

test('every point carries the slot as its timestamp, health too while the slot is recent', async () => {
  const { data, health } = await runCycle({ settings: settings(2) });
  expect(new Set(data.map((p) => p.timestamp))).toEqual(new Set([ASOF.getTime() / 1000]));
  // 5 cycle gauges + 4 group.skipped (one per group) + 8 group.success (2 targets × 4 groups), all at the slot.
  expect(health).toHaveLength(17);
  for (const p of health) {
    expect(p.timestamp).toBe(ASOF.getTime() / 1000);
    expect(p.tags).toContain('mode:manual');
  }
});

test('cycles finishing together keep their health points apart', async () => {
  // Four slots a minute apart, run at once on one worker (a backlog draining after an outage): they
  // end within the same second or two, and each one's health must land on its own timestamp.
  const slots = [3, 2, 1, 0].map((k) => new Date(ASOF.getTime() - k * 60_000));
  const sink = memorySink();
  const runtime = testRuntime({ collector: syntheticCollector, settings: settings(1) });
  const results = await withWorker({ runtime, sink }, ({ client, taskQueue }) =>
    Promise.all(
      slots.map(async (slot, i) => {
        const handle = await client.workflow.start('collectionCycle', {
          taskQueue,
          workflowId: `cycle-${taskQueue}-${i}`,
          args: [{ collector: 'synthetic', asOf: slot.toISOString() }],
        });
        return (await handle.result()) as CycleResult;
      }),
    ),
  );
  expect(results.map((r) => r.failed)).toEqual([0, 0, 0, 0]);
  const durations = sink.points.filter((p) => p.metric === 'collector.synthetic.duration_seconds');
  expect(durations.map((p) => p.timestamp).sort()).toEqual(slots.map((s) => s.getTime() / 1000));
  // One series (same tags), four timestamps: no cycle's health hides another's.
  expect(new Set(durations.map((p) => p.tags.join(','))).size).toBe(1);
});

test('the same slot twice gives identical data points', async () => {
  const sort = (points: DataPoint[]) => points.map((p) => JSON.stringify(p)).sort((a, b) => (a < b ? -1 : 1));
  const first = await runCycle({ settings: settings(3) });
  const second = await runCycle({ settings: settings(3) });
  expect(first.data.length).toBe(21);
  expect(sort(second.data)).toEqual(sort(first.data));
});

test('a retryable error succeeds on retry', async () => {
  const { result, data } = await runCycle({ settings: settings(2, { 'alpha/t001': { failTimes: 2 } }) });
  expect(attempts.get('alpha/t001')).toBe(3);
  expect(result?.failed).toBe(0);
  // alpha of t001: BASE + 1 + 0.
  expect(valueOf(data, 'synthetic.alpha.value', 't001')).toBe(BASE + 1);
});

test('a unit past its timeout fails alone; the others are submitted', async () => {
  const { result, data, health } = await runCycle({
    settings: settings(3, { 'beta/t000': { sleepMs: 5_000 } }),
    groups: { beta: { timeoutMs: 1_000, retry: { ...retryOnce } } },
  });
  const failed = result!.outcomes.filter((o) => !o.ok);
  expect(failed).toEqual([
    expect.objectContaining({ group: 'beta', target: 't000', error: expect.stringMatching(/timed out/) }),
  ]);
  expect(valueOf(data, 'synthetic.beta.value', 't000')).toBeUndefined();
  expect(valueOf(data, 'synthetic.beta.value', 't001')).toBe(BASE + 1001);
  // 21 points for 3 targets, less the failed unit's one point.
  expect(data).toHaveLength(20);
  expect(healthValue(health, 'error_count')).toBe(1);
  const success = health.filter((p) => p.metric === 'collector.synthetic.group.success');
  expect(success).toHaveLength(12);
  expect(success.find((p) => p.tags.includes('group:beta') && p.tags.includes('target:t000'))?.value).toBe(0);
  expect(success.filter((p) => p.value === 1)).toHaveLength(11);
});

const retryOnce = {
  maximumAttempts: 1,
  initialIntervalMs: 100,
  maximumIntervalMs: 100,
  backoffCoefficient: 1,
};

test('a non-retryable error is tried once and its message says what to fix', async () => {
  const { result } = await runCycle({
    settings: settings(3, { 'gamma/t002': { permanent: 'token lacks scope' } }),
  });
  expect(attempts.get('gamma/t002')).toBe(1);
  expect(result?.outcomes.find((o) => !o.ok)).toEqual(
    expect.objectContaining({ error: 'token lacks scope. Fix: fix the synthetic settings' }),
  );
});

test('a cycle in which every unit fails fails the workflow, after sending health', async () => {
  const { error, health } = await runCycle({
    settings: settings(2, { '*': { permanent: 'bad credentials' } }),
  });
  expect(error).toBeInstanceOf(WorkflowFailedError);
  const cause = (error as WorkflowFailedError).cause as ApplicationFailure;
  expect(cause.type).toBe('CycleFailed');
  expect(cause.message).toBe(
    'every unit of synthetic failed (8); first error: bad credentials. Fix: fix the synthetic settings',
  );
  expect(healthValue(health, 'error_count')).toBe(8);
  expect(healthValue(health, 'metric_count')).toBe(0);
});

test('a cycle that cannot be planned fails with the reason at the top, not "Activity task failed"', async () => {
  const sink = memorySink();
  const runtime = testRuntime({ collector: syntheticCollector, settings: settings(1) });
  const error = await withWorker({ runtime, sink }, async ({ client, taskQueue }) => {
    const handle = await client.workflow.start('collectionCycle', {
      taskQueue,
      workflowId: `cycle-${taskQueue}`,
      args: [{ collector: 'nope' }],
    });
    return handle.result().then(
      () => undefined,
      (err: unknown) => err,
    );
  });
  expect(error).toBeInstanceOf(WorkflowFailedError);
  const cause = (error as WorkflowFailedError).cause as ApplicationFailure;
  expect(cause.type).toBe('PlanFailed');
  // The test runtime's message for a collector it does not know (test/support/runtime.ts).
  expect(cause.message).toBe('nope: the cycle could not be planned: collector nope is not configured');
  expect(sink.points).toEqual([]);
});

test('an undeclared point is dropped and counted, the rest of its unit kept', async () => {
  const { result, data, health } = await runCycle({
    settings: settings(1, { 'delta/t000': { invalid: true } }),
  });
  expect(data.find((p) => p.metric === 'synthetic.undeclared')).toBeUndefined();
  // delta of t000: BASE + 0 + 3000.
  expect(valueOf(data, 'synthetic.delta.value', 't000')).toBe(BASE + 3000);
  expect(result?.invalid).toBe(1);
  expect(healthValue(health, 'invalid_points')).toBe(1);
});

test('a slot older than one interval is a backfill: only backfillable metrics are sent', async () => {
  const old = new Date(Date.now() - 3 * 3_600_000);
  old.setUTCMinutes(0, 0, 0);
  const { result, data, health } = await runCycle(
    {
      settings: settings(1),
      intervalMs: 60_000,
      historicalIngestion: { enabled: true, retryForMs: 3_600_000 },
    },
    { asOf: old.toISOString() },
  );
  expect(result?.mode).toBe('backfill');
  expect(data.map((p) => p.metric)).not.toContain('synthetic.alpha.present_only');
  // alpha value + 2 by_status + beta + gamma + delta = 6 points.
  expect(data).toHaveLength(6);
  expect(health.every((p) => p.tags.includes('mode:backfill'))).toBe(true);
});
