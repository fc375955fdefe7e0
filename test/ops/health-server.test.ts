/**
 * The health server in-process: the endpoints' answers, and the readiness of a real worker set through
 * its life (created → running → shut down). The worker-process tests cover it end to end.
 */
import { randomUUID } from 'node:crypto';
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../../src/activities';
import { memoryLogger } from '../../src/log';
import { startHealthServer, workerSetReadiness, type HealthServer } from '../../src/temporal/health-server';
import { createWorkerSet } from '../../src/temporal/workers';
import { memorySink } from '../support/memory-sink';
import { testRuntime } from '../support/runtime';
import { syntheticCollector } from '../support/synthetic-collector';
import { envSecrets, quietRuntime, testAddress } from '../support/temporal';
import { get } from './support';

let server: HealthServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

test('/healthz is 200; /readyz follows the readiness check; other paths and methods are refused', async () => {
  server = await startHealthServer({ port: 0, host: '127.0.0.1', log: memoryLogger() });
  const base = `http://127.0.0.1:${server.port}`;
  expect(await get(`${base}/healthz`)).toMatchObject({ status: 200 });
  const starting = await get(`${base}/readyz`);
  expect(starting.status).toBe(503);
  expect(starting.json()).toEqual({ ready: false, reason: 'starting' });

  server.setReadiness(() => ({ ready: true }));
  expect((await get(`${base}/readyz`)).status).toBe(200);
  server.setReadiness(() => Promise.reject(new Error('boom')));
  const failing = await get(`${base}/readyz`);
  expect(failing.status).toBe(503);
  expect(failing.json()).toEqual({ ready: false, reason: 'readiness check failed: boom' });

  expect((await get(`${base}/metrics`)).status).toBe(404);
  expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
});

test('a port in use is an error that names it', async () => {
  server = await startHealthServer({ port: 0, host: '127.0.0.1', log: memoryLogger() });
  await expect(
    startHealthServer({ port: server.port, host: '127.0.0.1', log: memoryLogger() }),
  ).rejects.toThrow(`cannot serve /healthz and /readyz on 127.0.0.1:${server.port}: listen EADDRINUSE`);
});

test('a worker set is ready only while running: not before run(), not after shutdown', async () => {
  quietRuntime();
  const taskQueue = `ops-ready-${randomUUID().slice(0, 8)}`;
  const connection = await NativeConnection.connect({ address: testAddress() });
  try {
    const runtime = {
      ...testRuntime({ collector: syntheticCollector, settings: { targets: { count: 1 } } }),
      taskQueue,
    };
    const workers = await createWorkerSet({
      connection,
      taskQueue,
      registry: new Map([['synthetic', syntheticCollector]]),
      workflows: { workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! } },
      activities: createActivities({
        runtime: () => runtime,
        secrets: envSecrets(),
        sink: memorySink(),
        log: memoryLogger('warn'),
        fetch,
      }),
    });
    const check = workerSetReadiness({ connection, workers, address: testAddress() });

    expect(await check()).toMatchObject({
      ready: false,
      reason: `the worker of task queue ${taskQueue} is INITIALIZED (workflow poller POLLING, activity poller POLLING)`,
    });
    const running = Promise.all(workers.map((w) => w.run()));
    let ready = await check();
    for (let i = 0; i < 50 && !ready.ready; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ready = await check();
    }
    expect(ready).toEqual({
      ready: true,
      workers: [
        { taskQueue, state: 'RUNNING', workflowPoller: 'POLLING', activityPoller: 'POLLING' },
        { taskQueue: `${taskQueue}-synthetic`, state: 'RUNNING', activityPoller: 'POLLING' },
      ],
    });

    for (const w of workers) w.shutdown();
    expect((await check()).ready).toBe(false);
    await running;
    expect(await check()).toMatchObject({ ready: false, reason: expect.stringMatching(/is STOPPED/) });
  } finally {
    await connection.close();
  }
});
