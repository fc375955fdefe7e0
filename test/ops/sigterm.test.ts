/**
 * SIGTERM drains: a worker process told to stop while a unit is running lets the unit finish (no
 * cancellation, no retry), reports its result to Temporal and exits 0. A worker started afterwards
 * (as in a rolling update) completes the cycle with that result, and every point reaches the intake.
 */
import type { Client } from '@temporalio/client';
import { startFakeIntake, type FakeIntake } from '../../src/fakes/datadog/intake';
import { testClient } from '../support/temporal';
import type { CycleResult } from '../../src/workflows/types';
import {
  expectedSeries,
  intakeEnv,
  missingSeries,
  startWorkerProcess,
  stopWorkerProcesses,
  uniqueQueue,
  writeConfig,
} from './support';

let intake: FakeIntake;
let temporal: { client: Client; close: () => Promise<void> };

beforeEach(async () => {
  intake = await startFakeIntake();
  temporal = await testClient();
});

afterEach(async () => {
  await stopWorkerProcesses();
  await temporal.close();
  await intake.close();
});

test('SIGTERM while a unit runs: the unit finishes, the process exits 0, its points reach the intake', async () => {
  const taskQueue = uniqueQueue('sigterm');
  // 2 targets × alpha, beta = 4 units; alpha/t000 takes 3 s.
  const config = writeConfig({ taskQueue, behaviours: { 'alpha/t000': { sleepMs: 3_000 } } });
  const first = startWorkerProcess(config, intakeEnv(intake));
  await first.waitForLog((l) => l.msg === 'worker ready', 20_000, 'worker ready');

  const asOf = new Date(Math.floor(Date.now() / 1000) * 1000);
  const workflowId = `${taskQueue}-cycle`;
  const handle = await temporal.client.workflow.start('collectionCycle', {
    taskQueue,
    workflowId,
    args: [{ collector: 'synthetic', asOf: asOf.toISOString() }],
  });
  const slow = (l: { msg?: string; group?: unknown; target?: unknown }) =>
    l.group === 'alpha' && l.target === 't000';
  await first.waitForLog((l) => l.msg === 'unit started' && slow(l), 15_000, 'alpha/t000 started');

  const sigterm = Date.now();
  first.child.kill('SIGTERM');
  const exit = await first.exited;
  const drainMs = Date.now() - sigterm;
  expect(exit).toEqual({ code: 0, signal: null });
  // It waited for the 3 s unit (started just before the signal), and not much longer.
  expect(drainMs).toBeGreaterThan(2_000);
  expect(drainMs).toBeLessThan(10_000);
  const finished = first.logs.findIndex((l) => l.msg === 'unit finished' && slow(l));
  const stopping = first.logs.findIndex((l) => typeof l.msg === 'string' && l.msg.startsWith('stopping'));
  expect(stopping).toBeGreaterThanOrEqual(0);
  expect(finished).toBeGreaterThan(stopping);
  expect(first.logs.some((l) => l.msg === 'worker process exits')).toBe(true);

  // The successor finishes the cycle; the slow unit is not run again.
  const second = startWorkerProcess(config, intakeEnv(intake));
  const recoveryStart = Date.now();
  const result = (await handle.result()) as CycleResult;
  const recoveryMs = Date.now() - recoveryStart;
  expect(result).toMatchObject({ units: 4, succeeded: 4, failed: 0 });
  expect(second.logs.some((l) => l.msg === 'unit started' && slow(l))).toBe(false);

  // Every unit ran once, on its first attempt: nothing was cancelled by the shutdown.
  const starts = await unitStarts(temporal.client, `${workflowId}/batch-1`);
  expect(starts).toHaveLength(4);
  expect(starts.every((s) => s.attempt === 1)).toBe(true);
  // …all by the first process (the identity is `<pid>@<host>`).
  expect(starts.every((s) => s.identity.startsWith(`${first.pid}@`))).toBe(true);

  // 2 targets × 2 groups, each at the slot's timestamp (values: see expectedSeries).
  expect(missingSeries(intake, expectedSeries(asOf, ['alpha', 'beta'], 2))).toEqual([]);
  process.stderr.write(
    `[ops] SIGTERM drain ${drainMs} ms; successor finished the cycle in ${recoveryMs} ms\n`,
  );
});

/** The `collectGroup` attempts of a workflow's history: attempt number and worker identity of each. */
async function unitStarts(
  client: Client,
  workflowId: string,
): Promise<{ attempt: number; identity: string }[]> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const units = new Set(
    events
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'collectGroup')
      .map((e) => String(e.eventId)),
  );
  return events
    .map((e) => e.activityTaskStartedEventAttributes)
    .filter((a) => a != null && units.has(String(a.scheduledEventId)))
    .map((a) => ({ attempt: a!.attempt ?? 0, identity: a!.identity ?? '' }));
}
