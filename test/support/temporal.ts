/**
 * Workers and clients against the run's one dev server (started by global-setup). Each test gets
 * its own task queue, so tests never pick up each other's tasks.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../src/activities';
import { memoryLogger } from '../../src/log';
import { testRuntimeInstalled } from './sdk-log';
import type { Registry } from '../../src/collectors/types';
import type { Runtime } from '../../src/engine/runtime';
import { createWorkerSet, runWorkerSet } from '../../src/temporal/workers';
import { syntheticCollector } from './synthetic-collector';
import type { Sink } from '../../src/datadog/types';
import type { SecretResolver } from '../../src/secrets/types';

/**
 * Checks that the SDK logs into memory (test/support/sdk-log.ts): test/setup/temporal-sdk.ts installs
 * that Runtime when a test file first loads @temporalio/worker.
 */
export function quietRuntime(): void {
  if (!testRuntimeInstalled()) {
    throw new Error(
      "the Temporal SDK's Runtime does not log to test/support/sdk-log.ts: add test/setup/temporal-sdk.ts " +
        "to jest.config.js's setupFiles",
    );
  }
}

export function testAddress(): string {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address)
    throw new Error('TEMPORAL_TEST_ADDRESS is not set: the jest global setup did not start Temporal');
  return address;
}

export async function testClient(): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: testAddress() });
  return { client: new Client({ connection }), close: () => connection.close() };
}

export const envSecrets = (env: Record<string, string> = {}): SecretResolver => ({
  get: (name) => Promise.resolve(env[name]),
  require: (name) => {
    const v = env[name];
    return v === undefined ? Promise.reject(new Error(`secret ${name} is not set`)) : Promise.resolve(v);
  },
});

export interface WorkerOptions {
  runtime: Runtime;
  /** The collectors whose unit queues to poll (default: the synthetic one). */
  registry?: Registry;
  sink: Sink;
  secrets?: SecretResolver;
  log?: ActivityDeps['log'];
  maxConcurrentActivityTaskExecutions?: number;
}

/** Runs a worker on a fresh task queue while `fn` runs. */
export async function withWorker<T>(
  options: WorkerOptions,
  fn: (ctx: { client: Client; taskQueue: string }) => Promise<T>,
): Promise<T> {
  quietRuntime();
  const bundlePath = process.env.WORKFLOW_BUNDLE_PATH;
  if (!bundlePath)
    throw new Error('WORKFLOW_BUNDLE_PATH is not set: the jest global setup did not bundle workflows');
  const taskQueue = `test-${randomUUID()}`;
  // Units go to `<taskQueue>-<collector>`: the runtime must name this test's queue.
  const runtime: Runtime = { ...options.runtime, taskQueue };
  const connection = await NativeConnection.connect({ address: testAddress() });
  const { client, close } = await testClient();
  try {
    const workers = await createWorkerSet({
      connection,
      taskQueue,
      registry: options.registry ?? new Map([['synthetic', syntheticCollector]]),
      workflows: { workflowBundle: { codePath: bundlePath } },
      activities: createActivities({
        runtime: () => runtime,
        secrets: options.secrets ?? envSecrets(),
        sink: options.sink,
        log: options.log ?? memoryLogger('warn'),
        fetch,
      }),
      maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions ?? 200,
    });
    return (await runWorkerSet(workers, fn({ client, taskQueue }))) as T;
  } finally {
    await close();
    await connection.close();
  }
}
