/**
 * Engine benchmark (`npm run bench`): the latency the engine adds to a cycle, next to the cost of a
 * bare workflow, and the worker's RSS over many cycles. Starts its own Temporal dev server unless
 * TEMPORAL_ADDRESS is set; prints a table and writes out/bench/engine.json.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime as TemporalRuntime, Worker } from '@temporalio/worker';
import { createActivities } from '../src/activities';
import { assertCatalog } from '../src/catalog/check';
import { createLogger } from '../src/log';
import { createWorkerSet, runWorkerSet } from '../src/temporal/workers';
import { projectRoot } from '../src/util/paths';
import { benchOutDir, machine, writeResults } from './driver/results';
import { runBench } from './driver/run';
import { noSecrets } from './driver/secrets';
import { progress, sdkLogger, startServer, stopServer } from './driver/temporal';
import { parseBenchArgs, USAGE, type BenchOptions } from './engine/args';
import { buildBareBundle } from './engine/bare-bundle';
import type { BareActivities } from './engine/bare-workflow';
import { BENCH_GROUPS, benchCollector } from './engine/collector';
import { measureLatency, measureMemory, type Queues } from './engine/measure';
import { latencyResult, memoryResult, renderTable, type EngineBenchResult } from './engine/report';
import { benchRuntime, countingSink, type BenchRuntime } from './engine/runtime';

const TARGETS = 5;
const UNITS = TARGETS * BENCH_GROUPS.length;
const SLEEP_MS = 200;
/** Idle time before each latency sample (see measureLatency). */
const PAUSE_MS = 1000;

async function main(options: BenchOptions): Promise<void> {
  const root = projectRoot();
  const engineBundle = join(root, 'dist', 'workflow-bundle.js');
  if (!existsSync(engineBundle)) throw new Error(`${engineBundle} is missing: run 'npm run build' first`);
  assertCatalog(benchCollector.catalog);
  if (typeof global.gc !== 'function')
    progress('node runs without --expose-gc: RSS is read without a full GC');

  // The SDK's own SIGINT handling would shut the workers down under a running measurement; ours stops the server.
  TemporalRuntime.install({ logger: sdkLogger(), shutdownSignals: [] });
  global.gc?.();
  const rssBeforeWorkers = process.memoryUsage().rss;
  const outDir = await benchOutDir();
  const startedAt = new Date();

  const [server, bareBundle] = await Promise.all([startServer(), buildBareBundle(outDir)]);
  const address = server?.address ?? process.env.TEMPORAL_ADDRESS!;
  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
  try {
    const connection = await NativeConnection.connect({ address });
    const clientConnection = await Connection.connect({ address });
    try {
      const queues: Queues = {
        client: new Client({ connection: clientConnection, namespace }),
        engine: `bench-engine-${randomUUID()}`,
        bare: `bench-bare-${randomUUID()}`,
      };
      const runtime = benchRuntime(queues.engine, { targets: TARGETS, sleepMs: 0 });
      const sink = countingSink();
      // The production shape: the main queue's worker plus one for the collector's unit queue.
      const engineWorkers = await createWorkerSet({
        connection,
        namespace,
        taskQueue: queues.engine,
        registry: new Map([[benchCollector.name, benchCollector]]),
        workflows: { workflowBundle: { codePath: engineBundle } },
        activities: createActivities({
          runtime: () => runtime,
          secrets: noSecrets,
          sink,
          log: createLogger({ level: 'warn' }),
          fetch,
        }),
      });
      // Created only for the latency phase, after the memory one (see measure).
      const createBareWorker = () =>
        Worker.create({
          connection,
          namespace,
          taskQueue: queues.bare,
          workflowBundle: { codePath: bareBundle },
          activities: { noop: () => Promise.resolve() } satisfies BareActivities,
        });

      const measured = await runWorkerSet(engineWorkers, measure(queues, runtime, createBareWorker, options));
      if (!measured) throw new Error('the workers stopped before the measurements ended');
      const { latency, memory } = measured;

      const result: EngineBenchResult = {
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        environment: {
          ...machine(),
          temporal: { address, namespace, devServer: server !== undefined },
        },
        options,
        latency: latencyResult(
          { targets: TARGETS, groups: BENCH_GROUPS.length, sleepMs: SLEEP_MS, pauseMs: PAUSE_MS },
          latency,
        ),
        memory: memoryResult(
          { units: UNITS, sleepMs: 0, cycles: options.cycles, rssBeforeWorkersBytes: rssBeforeWorkers },
          memory,
        ),
        sink: { points: sink.points, calls: sink.calls },
      };
      await writeResults(outDir, 'engine', result, renderTable(result), progress);
    } finally {
      await clientConnection.close();
      await connection.close();
    }
  } finally {
    await stopServer();
  }
}

async function measure(
  queues: Queues,
  runtime: BenchRuntime,
  createBareWorker: () => Promise<Worker>,
  options: BenchOptions,
) {
  // Memory first: when RSS is read, only the engine's workers have run in this process.
  progress(`memory: ${options.cycles} sequential cycles of ${UNITS} units`);
  const memory = await measureMemory(queues, {
    units: UNITS,
    cycles: options.cycles,
    checkpoints: checkpointsFor(options.cycles),
    progress,
  });
  runtime.setLoad({ targets: TARGETS, sleepMs: SLEEP_MS });
  progress(`latency: ${options.warmups} warm-up + ${options.samples} samples`);
  const worker = await createBareWorker();
  const latency = await worker.runUntil(
    measureLatency(queues, {
      units: UNITS,
      warmups: options.warmups,
      samples: options.samples,
      pauseMs: PAUSE_MS,
      progress,
    }),
  );
  return { latency, memory };
}

/** A progress reading every tenth of the run, plus the mid-run reading the goals compare. */
function checkpointsFor(cycles: number): number[] {
  const every = Math.max(1, Math.round(cycles / 10));
  const points = new Set([Math.floor(cycles / 2), cycles]);
  for (let i = every; i < cycles; i += every) points.add(i);
  return [...points].sort((a, b) => a - b);
}

runBench({ usage: USAGE, parse: parseBenchArgs, main, cleanup: stopServer, progress });
