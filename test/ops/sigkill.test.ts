/**
 * Crash recovery: a worker process SIGKILLed mid-cycle (units running, nothing reported) or
 * mid-submission loses no data. With the default timeouts (a unit may take minutes), the dead
 * worker's attempts are noticed by their missed heartbeats (30 s), not their start-to-close timeout,
 * and a new worker process completes the cycle: the intake ends with every series of the slot at the
 * slot's timestamp (a repeated send is allowed).
 */
import type { Client } from '@temporalio/client';
import { startFakeIntake, type FakeIntake } from '../../src/fakes/datadog/intake';
import { HEARTBEAT_TIMEOUT_MS } from '../../src/workflows/heartbeat';
import { testClient } from '../support/temporal';
import type { CycleResult } from '../../src/workflows/types';
import {
  eventually,
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

/** A recovery must take the heartbeat timeout plus a retry, well under a minute. */
const RECOVERY_LIMIT_MS = 60_000;

// 3 targets × alpha, beta = 6 units of 1.5 s each, with the GitHub collector's default unit timeout.
const cycleConfig = (taskQueue: string) =>
  writeConfig({ taskQueue, targets: 3, timeout: '5m', behaviours: { '*': { sleepMs: 1_500 } } });

async function startCycle(taskQueue: string) {
  const asOf = new Date(Math.floor(Date.now() / 1000) * 1000);
  const handle = await temporal.client.workflow.start('collectionCycle', {
    taskQueue,
    workflowId: `${taskQueue}-cycle`,
    args: [{ collector: 'synthetic', asOf: asOf.toISOString() }],
  });
  return { asOf, handle };
}

test('SIGKILL mid-collection, then a new worker: the units are retried within a minute, every series at the slot', async () => {
  const taskQueue = uniqueQueue('sigkill');
  const config = cycleConfig(taskQueue);
  const first = startWorkerProcess(config, intakeEnv(intake));
  await first.waitForLog((l) => l.msg === 'worker ready', 20_000, 'worker ready');

  const { asOf, handle } = await startCycle(taskQueue);
  await first.waitForLog((l) => l.msg === 'unit started', 15_000, 'a unit started');

  first.child.kill('SIGKILL');
  const killed = Date.now();
  expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
  expect(first.logs.some((l) => l.msg === 'unit finished')).toBe(false);
  expect(intake.series).toEqual([]);

  const second = startWorkerProcess(config, intakeEnv(intake));
  const result = (await handle.result()) as CycleResult;
  const recoveryMs = Date.now() - killed;
  expect(result).toMatchObject({ units: 6, succeeded: 6, failed: 0 });
  // The killed attempts were retried by the new process, after their heartbeat timeout.
  expect(second.logs.some((l) => l.msg === 'unit finished' && l.attempt === 2)).toBe(true);
  expect(recoveryMs).toBeGreaterThanOrEqual(HEARTBEAT_TIMEOUT_MS - 1_000);
  expect(recoveryMs).toBeLessThan(RECOVERY_LIMIT_MS);

  // 3 targets × 2 groups, each at the slot's timestamp (values: see expectedSeries).
  expect(missingSeries(intake, expectedSeries(asOf, ['alpha', 'beta'], 3))).toEqual([]);
  process.stderr.write(
    `[ops] SIGKILL mid-collection: cycle completed ${recoveryMs} ms after the kill (unit timeout 5m)\n`,
  );
}, 120_000);

test('SIGKILL mid-submission, then a new worker: the submission is retried within a minute, nothing lost', async () => {
  const taskQueue = uniqueQueue('sigkill-submit');
  const config = cycleConfig(taskQueue);
  const first = startWorkerProcess(config, intakeEnv(intake));
  await first.waitForLog((l) => l.msg === 'worker ready', 20_000, 'worker ready');

  // The first POST is read and never answered: the worker is killed while it waits.
  intake.respondWith(['hang']);
  const { asOf, handle } = await startCycle(taskQueue);
  await eventually(
    () => Promise.resolve(intake.requests.some((r) => r.method === 'POST') || undefined),
    30_000,
    'a submission in flight',
  );
  first.child.kill('SIGKILL');
  const killed = Date.now();
  expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
  expect(intake.series).toEqual([]);

  startWorkerProcess(config, intakeEnv(intake));
  const result = (await handle.result()) as CycleResult;
  const recoveryMs = Date.now() - killed;
  expect(result).toMatchObject({ units: 6, succeeded: 6, failed: 0, dropped: 0 });
  expect(recoveryMs).toBeLessThan(RECOVERY_LIMIT_MS);
  expect(missingSeries(intake, expectedSeries(asOf, ['alpha', 'beta'], 3))).toEqual([]);
  process.stderr.write(
    `[ops] SIGKILL mid-submission: cycle completed ${recoveryMs} ms after the kill (submit timeout 2m)\n`,
  );
}, 120_000);
