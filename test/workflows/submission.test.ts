import { WorkflowFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { createDatadogSink } from '../../src/datadog/datadog-sink';
import { memoryLogger } from '../../src/log';
import type { CycleResult } from '../../src/workflows/types';
import { startFakeIntake, type FakeIntake } from '../../src/fakes/datadog/intake';
import { testRuntime } from '../support/runtime';
import { syntheticCollector } from '../support/synthetic-collector';
import { withWorker } from '../support/temporal';

// Cycles through Temporal, the real Datadog client and the loopback intake (the DD_URL setting).
let intake: FakeIntake;
beforeEach(async () => {
  intake = await startFakeIntake();
});
afterEach(() => intake.close());

async function cycle(options: { targets: number; asOf: Date; apiKey?: string; intervalMs?: number }) {
  const log = memoryLogger('debug');
  const sink = createDatadogSink({ apiKey: options.apiKey ?? intake.apiKey, url: intake.url, log });
  const runtime = testRuntime({
    collector: syntheticCollector,
    settings: { targets: { count: options.targets }, options: {} },
    intervalMs: options.intervalMs ?? 3_600_000,
  });
  const outcome = await withWorker({ runtime, sink, log }, async ({ client, taskQueue }) => {
    const handle = await client.workflow.start('collectionCycle', {
      taskQueue,
      workflowId: `submit-${taskQueue}`,
      args: [{ collector: 'synthetic', asOf: options.asOf.toISOString() }],
    });
    try {
      return { result: (await handle.result()) as CycleResult, error: undefined };
    } catch (error) {
      return { result: undefined, error };
    }
  });
  const received = (prefix: string) => intake.series.filter((s) => s.metric.startsWith(prefix));
  return { ...outcome, log, received };
}

const recentSlot = () => new Date(Math.floor(Date.now() / 60_000) * 60_000);
const healthOf = (series: FakeIntake['series'], suffix: string) =>
  series.find((s) => s.metric === `collector.synthetic.${suffix}`)?.points[0]?.value;

test('points reach the intake gzipped, as gauges stamped with the slot and tagged', async () => {
  const asOf = recentSlot();
  const { result, received } = await cycle({ targets: 2, asOf });
  // 2 targets × 7 points (alpha 4, beta/gamma/delta 1 each).
  expect(result?.submitted).toBe(14);
  const data = received('synthetic.');
  expect(data).toHaveLength(14);
  expect(new Set(data.map((s) => s.type))).toEqual(new Set([3]));
  expect(new Set(data.map((s) => s.points[0]?.timestamp))).toEqual(new Set([asOf.getTime() / 1000]));
  expect(data.find((s) => s.metric === 'synthetic.gamma.value')?.tags).toEqual([
    'collector:synthetic',
    'env:test',
    'service:datadog-collectors',
    'target:t000',
    'version:1.0.0',
  ]);
  expect(intake.requests.filter((r) => r.path === '/api/v2/series').every((r) => r.encoding === 'gzip')).toBe(
    true,
  );
});

test('an intake outage is retried by Temporal until it recovers, losing nothing', async () => {
  intake.setDown(true);
  setTimeout(() => intake.setDown(false), 3_000);
  const { result, received } = await cycle({ targets: 3, asOf: recentSlot() });
  expect(intake.requests.filter((r) => r.status === 503).length).toBeGreaterThan(0);
  expect(result?.dropped).toBe(0);
  expect(received('synthetic.')).toHaveLength(21);
  expect(healthOf(received('collector.'), 'points_dropped')).toBe(0);
}, 60_000);

test('past the deadline the points are given up and counted in points_dropped', async () => {
  // Without Historical Metrics Ingestion the deadline is asOf + 55 min: this slot's has passed.
  // (Interval 2 h, so the slot is not a backfill.) The intake refuses the data once, then recovers
  // in time for the health points, which are stamped now.
  intake.respondWith([503]);
  const asOf = new Date(recentSlot().getTime() - 56 * 60_000);
  const { result, received, log } = await cycle({ targets: 1, asOf, intervalMs: 7_200_000 });
  // 1 target × 7 points, all in one submission that failed once past the deadline.
  expect(result?.dropped).toBe(7);
  expect(result?.submitted).toBe(0);
  expect(received('synthetic.')).toHaveLength(0);
  expect(healthOf(received('collector.'), 'points_dropped')).toBe(7);
  expect(log.lines.some((l) => l.includes('points dropped after the submission deadline'))).toBe(true);
});

test('a rejected API key fails the cycle with Datadog’s message, without retrying', async () => {
  const { error } = await cycle({ targets: 1, asOf: recentSlot(), apiKey: 'not-the-key-0000' });
  expect(error).toBeInstanceOf(WorkflowFailedError);
  const cause = (error as WorkflowFailedError).cause as ApplicationFailure;
  expect(cause.type).toBe('SubmitFailed');
  expect(cause.message).toMatch(/403/);
  expect(cause.message).toMatch(/Forbidden/);
  expect(cause.message).not.toContain('not-the-key-0000');
  // One refused data submission and one refused health submission: no retries.
  expect(intake.requests.filter((r) => r.path === '/api/v2/series')).toHaveLength(2);
});
