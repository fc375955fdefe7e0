/**
 * Crash recovery: a worker process SIGKILLed mid-cycle (units running, nothing reported) loses no
 * data. Its units time out and are retried by a new worker process, which completes the cycle; the
 * intake ends with every series of the slot at the slot's timestamp (a repeated send is allowed).
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

test('SIGKILL mid-cycle, then a new worker: the cycle completes with every series at the slot', async () => {
  const taskQueue = uniqueQueue('sigkill');
  // 3 targets × alpha, beta = 6 units of 1.5 s each; an attempt times out after 3 s.
  const config = writeConfig({
    taskQueue,
    targets: 3,
    timeout: '3s',
    behaviours: { '*': { sleepMs: 1_500 } },
  });
  const first = startWorkerProcess(config, intakeEnv(intake));
  await first.waitForLog((l) => l.msg === 'worker ready', 20_000, 'worker ready');

  const asOf = new Date(Math.floor(Date.now() / 1000) * 1000);
  const handle = await temporal.client.workflow.start('collectionCycle', {
    taskQueue,
    workflowId: `${taskQueue}-cycle`,
    args: [{ collector: 'synthetic', asOf: asOf.toISOString() }],
  });
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
  // The killed attempts were retried by the new process.
  expect(second.logs.some((l) => l.msg === 'unit finished' && l.attempt === 2)).toBe(true);

  // 3 targets × 2 groups, each at the slot's timestamp (values: see expectedSeries).
  expect(missingSeries(intake, expectedSeries(asOf, ['alpha', 'beta'], 3))).toEqual([]);
  process.stderr.write(`[ops] SIGKILL recovery: cycle completed ${recoveryMs} ms after the kill\n`);
});
