/**
 * The worker: connects to Temporal, polls the deployment's task queue and runs the collection
 * workflows and activities with the prebuilt workflow bundle. Config is read at run time.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from '@temporalio/worker';
import {
  DefaultLogger,
  NativeConnection,
  Runtime as TemporalRuntime,
  type LogLevel,
} from '@temporalio/worker';
import { createActivities } from '../activities';
import type { Registry } from '../collectors/types';
import type { Config } from '../config';
import type { Sink } from '../datadog/types';
import { liveConfig } from '../engine/live-config';
import { runtimeFromConfig } from '../engine/runtime-from-config';
import type { Logger } from '../log';
import type { SecretResolver } from '../secrets/types';
import { projectRoot } from '../util/paths';
import { connectionOptions } from './connection';
import { createWorkerSet, runWorkerSet } from './workers';

export interface WorkerOptions {
  readonly config: Config;
  /** The config file, re-read when it changes. */
  readonly configPath: string;
  readonly registry: Registry;
  readonly secrets: SecretResolver;
  readonly sink: Sink;
  readonly log: Logger;
  readonly env?: NodeJS.ProcessEnv;
}

/** Routes the SDK's own logs into our JSON logger (installed once, before any connection). */
export function installTemporalRuntime(log: Logger): void {
  const sdkLog = log.child({ component: 'temporal' });
  const levels: Record<LogLevel, (m: string, a?: Record<string, unknown>) => void> = {
    TRACE: (m, a) => sdkLog.debug(m, a),
    DEBUG: (m, a) => sdkLog.debug(m, a),
    INFO: (m, a) => sdkLog.info(m, a),
    WARN: (m, a) => sdkLog.warn(m, a),
    ERROR: (m, a) => sdkLog.error(m, a),
  };
  TemporalRuntime.install({
    logger: new DefaultLogger('INFO', (entry) => levels[entry.level](entry.message, entry.meta)),
  });
}

/** The longest unit timeout of any enabled group: SIGTERM lets running units finish this long. */
export function shutdownGraceMs(config: Config): number {
  const timeouts = Object.values(config.collectors)
    .filter((c) => c.enabled)
    .flatMap((c) => Object.values(c.groups).map((g) => g.timeoutMs));
  return Math.max(120_000, ...timeouts);
}

function workflowBundle(): { codePath: string } | undefined {
  const path = join(projectRoot(), 'dist', 'workflow-bundle.js');
  return existsSync(path) ? { codePath: path } : undefined;
}

export interface RunningWorkers {
  readonly workers: Worker[];
  /** Polls until `until` settles, or until SIGINT/SIGTERM shut the workers down. */
  run<T>(until?: Promise<T>): Promise<T | undefined>;
  close: () => Promise<void>;
}

export async function createWorker(options: WorkerOptions): Promise<RunningWorkers> {
  const { config, log } = options;
  const connection = await NativeConnection.connect(connectionOptions(config.temporal, options.env));
  const live = liveConfig({
    path: options.configPath,
    registry: options.registry,
    env: options.env,
    log,
    initial: config,
  });
  const bundle = workflowBundle();
  const workers = await createWorkerSet({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    registry: options.registry,
    workflows: bundle ? { workflowBundle: bundle } : { workflowsPath: require.resolve('../workflows') },
    activities: createActivities({
      runtime: () => runtimeFromConfig(live.current(), options.registry),
      secrets: options.secrets,
      sink: options.sink,
      log,
      fetch,
    }),
    shutdownGraceTime: shutdownGraceMs(config),
  });
  log.info('worker ready', {
    address: config.temporal.address,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    collectorQueues: workers.slice(1).map((w) => w.options.taskQueue),
    sink: options.sink.kind,
    bundle: bundle ? 'prebuilt' : 'built at start',
  });
  return { workers, run: (until) => runWorkerSet(workers, until), close: () => connection.close() };
}
