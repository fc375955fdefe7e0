/**
 * The worker process's probes and metrics: /healthz answers while the process lives; /readyz is 503
 * (saying why) before the worker connects, while Temporal is unreachable and while it drains, and 200
 * once connected and polling; the Temporal runtime's Prometheus endpoint serves `temporal_*` metrics.
 */
import type { Client } from '@temporalio/client';
import { startFakeIntake, type FakeIntake } from '../../src/fakes/datadog/intake';
import { testAddress, testClient } from '../support/temporal';
import { freePort } from '../../src/util/net';
import type { Readiness } from '../../src/temporal/health-server';
import type { CycleResult } from '../../src/workflows/types';
import {
  eventually,
  get,
  intakeEnv,
  startForwarder,
  startWorkerProcess,
  stopWorkerProcesses,
  uniqueQueue,
  writeConfig,
  type Forwarder,
} from './support';

let intake: FakeIntake;
let temporal: { client: Client; close: () => Promise<void> };
let forwarder: Forwarder | undefined;

beforeEach(async () => {
  intake = await startFakeIntake();
  temporal = await testClient();
});

afterEach(async () => {
  await stopWorkerProcesses();
  await forwarder?.close();
  forwarder = undefined;
  await temporal.close();
  await intake.close();
});

/** /readyz's answer once it matches `want` (polled). */
async function readyz(port: number, want: (r: Readiness, status: number) => boolean, what: string) {
  return eventually(
    async () => {
      const res = await get(`http://127.0.0.1:${port}/readyz`);
      const body = res.json() as Readiness;
      return want(body, res.status) ? { status: res.status, body } : undefined;
    },
    20_000,
    what,
  );
}

test('/readyz: 503 while Temporal is unreachable, 200 once connected and polling; /healthz: 200', async () => {
  const taskQueue = uniqueQueue('probes');
  // Temporal behind a forwarder that starts down: the worker cannot connect yet.
  forwarder = await startForwarder(testAddress(), false);
  const healthPort = await freePort();
  const config = writeConfig({ taskQueue, address: forwarder.address, healthPort });
  const worker = startWorkerProcess(config, intakeEnv(intake));

  const alive = await eventually(
    async () => (await get(`http://127.0.0.1:${healthPort}/healthz`)).status,
    15_000,
    '/healthz answers',
  );
  expect(alive).toBe(200);
  const down = await readyz(healthPort, (r) => /unreachable/.test(r.reason ?? ''), '/readyz: unreachable');
  expect(down.status).toBe(503);
  expect(down.body).toMatchObject({ ready: false });
  expect(down.body.reason).toContain(`Temporal at ${forwarder.address} is unreachable`);
  expect((await get(`http://127.0.0.1:${healthPort}/healthz`)).status).toBe(200);

  const reachable = Date.now();
  forwarder.setUp(true);
  const up = await readyz(healthPort, (_r, status) => status === 200, '/readyz: ready');
  const readyMs = Date.now() - reachable;
  expect(up.body).toEqual({
    ready: true,
    workers: [
      { taskQueue, state: 'RUNNING', workflowPoller: 'POLLING', activityPoller: 'POLLING' },
      { taskQueue: `${taskQueue}-synthetic`, state: 'RUNNING', activityPoller: 'POLLING' },
    ],
  });

  // Temporal lost after connecting: not ready (the pollers alone would not say so), then ready again.
  forwarder.setUp(false);
  const lost = await readyz(healthPort, (_r, status) => status === 503, '/readyz: lost');
  expect(lost.body.reason).toContain('did not answer its health check');
  forwarder.setUp(true);
  await readyz(healthPort, (_r, status) => status === 200, '/readyz: ready again');

  worker.child.kill('SIGTERM');
  expect(await worker.exited).toEqual({ code: 0, signal: null });
  await expect(get(`http://127.0.0.1:${healthPort}/healthz`)).rejects.toThrow();
  // Through the outage, the Temporal core's own lines too came through the JSON logger.
  expect(worker.logs.filter((l) => l.level === undefined)).toEqual([]);
  process.stderr.write(`[ops] /readyz 200 ${readyMs} ms after Temporal became reachable\n`);
});

test('a worker whose Datadog key is rejected logs an error and is not ready, saying why', async () => {
  const healthPort = await freePort();
  const config = writeConfig({ taskQueue: uniqueQueue('badkey'), healthPort });
  const worker = startWorkerProcess(config, { ...intakeEnv(intake), DD_API_KEY: 'not-the-key' });
  await worker.waitForLog((l) => l.msg === 'worker ready', 20_000, 'worker ready');
  const error = await worker.waitForLog(
    (l) => l.msg === 'Datadog rejected the API key',
    1_000,
    'key rejected',
  );
  expect(error.level).toBe('error');
  const answer = await readyz(healthPort, () => true, '/readyz answers');
  expect(answer.status).toBe(503);
  expect(answer.body.reason).toBe(
    `Datadog API key rejected by ${intake.url} (HTTP 403): set DD_API_KEY (or the secret ` +
      'datadog/api-key) to an API key of the organisation on site datadoghq.com, or DD_SITE to its site',
  );
  expect(JSON.stringify(worker.logs)).not.toContain('not-the-key');
});

test('/readyz is 503 before the worker connects', async () => {
  // A Temporal that accepts nothing, so the worker stays in its connecting phase.
  forwarder = await startForwarder(testAddress(), false);
  const healthPort = await freePort();
  const config = writeConfig({ taskQueue: uniqueQueue('before'), address: forwarder.address, healthPort });
  const worker = startWorkerProcess(config, intakeEnv(intake));
  const first = await readyz(healthPort, () => true, '/readyz answers');
  expect(first.status).toBe(503);
  expect(first.body.ready).toBe(false);
  expect(first.body.reason).toMatch(/^(connecting to|Temporal at .* is unreachable)/);
  expect(worker.logs.some((l) => l.msg === 'worker ready')).toBe(false);

  // SIGTERM while still connecting ends the process at once, cleanly.
  worker.child.kill('SIGTERM');
  expect(await worker.exited).toEqual({ code: 0, signal: null });
});

test('the Prometheus endpoint serves the Temporal runtime metrics after a cycle', async () => {
  const taskQueue = uniqueQueue('metrics');
  const metricsPort = await freePort();
  const config = writeConfig({ taskQueue, metricsPort });
  const worker = startWorkerProcess(config, intakeEnv(intake));
  await worker.waitForLog((l) => l.msg === 'worker ready', 20_000, 'worker ready');

  const result = (await temporal.client.workflow.execute('collectionCycle', {
    taskQueue,
    workflowId: `${taskQueue}-cycle`,
    args: [{ collector: 'synthetic' }],
  })) as CycleResult;
  expect(result).toMatchObject({ units: 4, succeeded: 4 });

  // Counters are exported as they are updated: poll until this queue's activities show.
  const text = await eventually(
    async () => {
      const res = await get(`http://127.0.0.1:${metricsPort}/metrics`);
      return res.status === 200 && res.text.includes(`task_queue="${taskQueue}-synthetic"`)
        ? res.text
        : undefined;
    },
    15_000,
    'metrics of this task queue',
  );
  const names = new Set([...text.matchAll(/^(temporal_\w+)/gm)].map((m) => m[1]));
  expect(names).toContain('temporal_activity_execution_latency_bucket');
  expect(names).toContain('temporal_workflow_completed');
  expect(text).toMatch(new RegExp(`^temporal_workflow_completed\\{[^}]*task_queue="${taskQueue}"`, 'm'));
});
