/**
 * Outbound HTTP honours the proxy variables: with HTTPS_PROXY / HTTP_PROXY set, a collector's fetch
 * (to an HTTPS source) and the Datadog sink (to the HTTP intake) both go through the proxy; with
 * NO_PROXY naming the hosts, neither does. Each run is a real worker process started the way the CLI
 * starts (the proxy dispatcher installed first).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { startFakeIntake, type FakeIntake } from '../../src/fakes/datadog/intake';
import { startFakeProxy, type FakeProxy } from '../fakes/http-proxy';
import { testClient } from '../support/temporal';
import type { CycleResult } from '../../src/workflows/types';
import {
  intakeEnv,
  startWorkerProcess,
  stopWorkerProcesses,
  uniqueQueue,
  writeConfig,
  type WorkerProcess,
} from './support';

let intake: FakeIntake;
let proxy: FakeProxy;
let temporal: { client: Client; close: () => Promise<void> };
let source: { server: Server; url: string; host: string; hits: () => number; certFile: string };

beforeEach(async () => {
  intake = await startFakeIntake();
  proxy = await startFakeProxy();
  temporal = await testClient();
  source = await startHttpsSource();
});

afterEach(async () => {
  await stopWorkerProcesses();
  await temporal.close();
  await new Promise((resolve) => source.server.close(resolve));
  await proxy.close();
  await intake.close();
});

test('a collector’s fetch and the Datadog sink go through HTTPS_PROXY/HTTP_PROXY; NO_PROXY bypasses it', async () => {
  const taskQueue = uniqueQueue('proxy');
  const config = writeConfig({ taskQueue }); // 2 targets × alpha, beta = 4 units, one source call each
  const intakeHost = new URL(intake.url).host;
  const env = {
    ...intakeEnv(intake),
    SYNTHETIC_SOURCE_URL: source.url,
    NODE_EXTRA_CA_CERTS: source.certFile,
    HTTPS_PROXY: proxy.url,
    HTTP_PROXY: proxy.url,
  };

  const proxied = startWorkerProcess(config, env);
  await cycle(proxied, taskQueue, 1);
  expect(source.hits()).toBe(4);
  expect(intake.series.length).toBeGreaterThan(0);
  // Tunnelled: the HTTPS source (HTTPS_PROXY) and the HTTP intake (HTTP_PROXY), nothing else.
  expect(new Set(proxy.targets)).toEqual(new Set([source.host, intakeHost]));
  await stop(proxied);

  const before = proxy.targets.length;
  const series = intake.series.length;
  const direct = startWorkerProcess(config, { ...env, NO_PROXY: 'localhost,127.0.0.1' });
  await cycle(direct, taskQueue, 2);
  expect(source.hits()).toBe(8);
  expect(intake.series.length).toBeGreaterThan(series);
  expect(proxy.targets.length).toBe(before);
  await stop(direct);
});

async function cycle(worker: WorkerProcess, taskQueue: string, n: number): Promise<void> {
  await worker.waitForLog((l) => l.msg === 'worker ready', 20_000, 'worker ready');
  const result = (await temporal.client.workflow.execute('collectionCycle', {
    taskQueue,
    workflowId: `${taskQueue}-cycle-${n}`,
    args: [{ collector: 'synthetic' }],
  })) as CycleResult;
  expect(result).toMatchObject({ units: 4, succeeded: 4, failed: 0 });
}

async function stop(worker: WorkerProcess): Promise<void> {
  worker.child.kill('SIGTERM');
  expect(await worker.exited).toEqual({ code: 0, signal: null });
}

/** An HTTPS "source API" with a throw-away self-signed certificate for 127.0.0.1. */
async function startHttpsSource(): Promise<typeof source> {
  const dir = mkdtempSync(join(tmpdir(), 'collectors-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  let hits = 0;
  const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `https://127.0.0.1:${port}/status`,
    host: `127.0.0.1:${port}`,
    hits: () => hits,
    certFile,
  };
}
