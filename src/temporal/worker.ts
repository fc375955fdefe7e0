/**
 * The worker: connects to Temporal, polls the deployment's task queue and runs the collection
 * workflows and activities with the prebuilt workflow bundle. Config is read at run time.
 *
 * Operations (what `collectors worker` runs, see `serveWorker`): /healthz and /readyz on the health
 * port, the Temporal runtime's Prometheus metrics on the metrics port, reconnection while Temporal is
 * unreachable at start, and a graceful drain on SIGTERM/SIGINT (running units may finish, up to the
 * longest unit timeout).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DefaultLogger,
  NativeConnection,
  Runtime as TemporalRuntime,
  TransportError,
  type Worker,
  type LogLevel,
} from '@temporalio/worker';
import { createActivities } from '../activities';
import type { Collector, Registry } from '../collectors/types';
import type { Config } from '../config';
import type { Sink } from '../datadog/types';
import { liveConfig } from '../engine/live-config';
import { runtimeFromConfig } from '../engine/runtime-from-config';
import { processReplicaId } from '../engine/routing';
import { throttledLogger, type Logger } from '../log';
import type { SecretResolver } from '../secrets/types';
import { projectRoot } from '../util/paths';
import { connectionOptions } from './connection';
import { startHealthServer, workerSetReadiness, type HealthServer } from './health-server';
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
  /**
   * Port of /healthz and /readyz (0 or unset: none). `serveWorker` passes `config.worker.healthPort`;
   * an embedding program (a test) opens no port unless it asks for one.
   */
  readonly healthPort?: number;
  /** Address the probes listen on. Default 0.0.0.0: the kubelet probes the pod's address. */
  readonly healthHost?: string;
  /** The prebuilt workflow bundle. Default: dist/workflow-bundle.js when built, else bundled at start. */
  readonly workflowBundlePath?: string;
  /**
   * A problem that keeps the worker from doing its job whatever Temporal says (e.g. Datadog rejected
   * the API key): /readyz reports it as the reason the worker is not ready.
   */
  readonly notReadyBecause?: string;
  /** Delays between connection attempts while Temporal is unreachable: doubling from `initialMs`. */
  readonly connectRetry?: { readonly initialMs: number; readonly maxMs: number };
  /** This replica's id (src/engine/routing.ts). Default: `<pid>@<hostname>~<start>` (processReplicaId); tests running two replicas in one process give their own. */
  readonly replica?: string;
}

export interface RuntimeOptions {
  /** Serve the runtime's Prometheus metrics (`temporal_*`) on <metricsHost>:<port> (0 or unset: none). */
  readonly metricsPort?: number;
  /** Default 0.0.0.0, not the SDK samples' 127.0.0.1: Prometheus scrapes the pod's address. */
  readonly metricsHost?: string;
}

/**
 * Routes the SDK's own logs into our JSON logger and serves its metrics. Once per process, before any
 * connection. The runtime also installs the SIGINT/SIGTERM handlers that shut workers down gracefully.
 */
export function installTemporalRuntime(log: Logger, options: RuntimeOptions = {}): void {
  // Throttled: while Temporal is down, the core logs every failed poll.
  const sdkLog = throttledLogger(log.child({ component: 'temporal' }));
  const levels: Record<LogLevel, (m: string, a?: Record<string, unknown>) => void> = {
    TRACE: (m, a) => sdkLog.debug(m, a),
    DEBUG: (m, a) => sdkLog.debug(m, a),
    INFO: (m, a) => sdkLog.info(m, a),
    WARN: (m, a) => sdkLog.warn(m, a),
    ERROR: (m, a) => sdkLog.error(m, a),
  };
  const metricsPort = options.metricsPort ?? 0;
  TemporalRuntime.install({
    logger: new DefaultLogger('INFO', (entry) => levels[entry.level](entry.message, entry.meta)),
    telemetryOptions: {
      // The core's own lines (connection and poll errors) come through our logger too; by default it
      // writes coloured text straight to stderr.
      logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } },
      ...(metricsPort > 0
        ? { metrics: { prometheus: { bindAddress: `${options.metricsHost ?? '0.0.0.0'}:${metricsPort}` } } }
        : {}),
    },
  });
  if (metricsPort > 0) log.info('Temporal runtime metrics on /metrics', { port: metricsPort });
}

/** The longest unit timeout of any enabled group: SIGTERM lets running units finish this long. */
export function shutdownGraceMs(config: Config): number {
  const timeouts = Object.values(config.collectors)
    .filter((c) => c.enabled)
    .flatMap((c) => Object.values(c.groups).map((g) => g.timeoutMs));
  return Math.max(120_000, ...timeouts);
}

function workflowBundle(path?: string): { codePath: string } | undefined {
  if (path) return { codePath: path };
  const built = join(projectRoot(), 'dist', 'workflow-bundle.js');
  return existsSync(built) ? { codePath: built } : undefined;
}

export interface RunningWorkers {
  readonly workers: Worker[];
  /** Polls until `until` settles, or until SIGINT/SIGTERM shut the workers down. */
  run<T>(until?: Promise<T>): Promise<T | undefined>;
  /** Closes the health endpoints and the connection (after `run` has returned). */
  close: () => Promise<void>;
}

/** The budget a collector's settings give it (`rateBudgetFor`), when it is configured and enabled. */
function configuredBudget(config: Config, registry: Registry, collector: Collector): number | undefined {
  if (!collector.rateBudgetFor) return undefined;
  try {
    const { settings } = runtimeFromConfig(config, registry).collector(collector.name);
    return collector.rateBudgetFor(settings).unitsPerSecond;
  } catch {
    // Not configured or not enabled: its units never run, the declared budget is as good as any.
    return undefined;
  }
}

/** SIGINT/SIGTERM arrived while the worker was still waiting for Temporal. */
export class StoppedBeforeConnectingError extends Error {
  override readonly name = 'StoppedBeforeConnectingError';
}

export async function createWorker(options: WorkerOptions): Promise<RunningWorkers> {
  const { config, log } = options;
  const address = config.temporal.address;
  // Listening before connecting: /readyz says "not ready, and why" from the first moment.
  const health = options.healthPort
    ? await startHealthServer({
        port: options.healthPort,
        ...(options.healthHost ? { host: options.healthHost } : {}),
        log,
        readiness: () => ({ ready: false, reason: `connecting to Temporal at ${address}` }),
      })
    : undefined;
  let connection: NativeConnection | undefined;
  try {
    connection = await connectWithRetry(options, health);
    const live = liveConfig({
      path: options.configPath,
      registry: options.registry,
      env: options.env,
      log,
      initial: config,
    });
    const bundle = workflowBundle(options.workflowBundlePath);
    const replica = options.replica ?? processReplicaId();
    const workers = await createWorkerSet({
      replica,
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
        replica,
      }),
      shutdownGraceTime: shutdownGraceMs(config),
      unitsPerSecond: (collector) => configuredBudget(config, options.registry, collector),
    });
    const problem = options.notReadyBecause;
    health?.setReadiness(
      problem
        ? () => ({ ready: false, reason: problem })
        : workerSetReadiness({ connection, workers, address }),
    );
    log.info('worker ready', {
      address,
      namespace: config.temporal.namespace,
      ...(config.temporal.profile ? { temporalProfile: config.temporal.profile } : {}),
      taskQueue: config.temporal.taskQueue,
      replica,
      collectorQueues: workers.slice(1).map((w) => w.options.taskQueue),
      sink: options.sink.kind,
      bundle: bundle ? 'prebuilt' : 'built at start',
      ...(health ? { healthPort: health.port } : {}),
    });
    const open = connection;
    return {
      workers,
      run: (until) => runWorkerSet(workers, until),
      close: async () => {
        await health?.close();
        await open.close();
      },
    };
  } catch (err) {
    await connection?.close().catch(() => undefined);
    await health?.close();
    throw err;
  }
}

/**
 * Connects, retrying while Temporal is unreachable (a worker that starts before the frontend, or
 * during its outage, waits instead of crash-looping; /readyz says why it is not ready). Errors no
 * retry can fix (TLS files, options) end it at once, and so does SIGINT/SIGTERM.
 */
async function connectWithRetry(options: WorkerOptions, health?: HealthServer): Promise<NativeConnection> {
  const { config, log } = options;
  const address = config.temporal.address;
  const connectOptions = connectionOptions(config.temporal, options.env);
  const { initialMs, maxMs } = options.connectRetry ?? { initialMs: 1_000, maxMs: 15_000 };
  // The Temporal runtime swallows SIGTERM until a worker runs: until then, stopping is ours to do.
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => stop.abort(signal);
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    for (let attempt = 1; ; attempt++) {
      const delayMs = Math.min(maxMs, initialMs * 2 ** (attempt - 1));
      try {
        const connection = await NativeConnection.connect(connectOptions);
        if (stop.signal.aborted) {
          await connection.close();
          break;
        }
        if (attempt > 1) log.info('connected to Temporal', { address, attempts: attempt });
        return connection;
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        const reason = `Temporal at ${address} is unreachable (attempt ${attempt}, next in ${delayMs} ms): ${err.message}`;
        health?.setReadiness(() => ({ ready: false, reason }));
        log.warn('Temporal is unreachable; retrying', {
          address,
          attempt,
          retryInMs: delayMs,
          error: err.message,
        });
      }
      if (!(await sleep(delayMs, stop.signal))) break;
    }
    throw new StoppedBeforeConnectingError(
      `stopped by ${String(stop.signal.reason)} before connecting to Temporal at ${address}`,
    );
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

/** True after `ms`, false as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (slept: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(slept);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', onAbort);
  });
}

/**
 * What `collectors worker` runs: the Temporal runtime (metrics on `config.worker.metricsPort`), the
 * worker set with its probes on `config.worker.healthPort`, polling until SIGINT/SIGTERM; then no new
 * tasks are taken, running units may finish (`shutdownGraceMs`), and it resolves once they have.
 */
export async function serveWorker(options: Omit<WorkerOptions, 'healthPort'>): Promise<void> {
  const { config, log } = options;
  installTemporalRuntime(log, { metricsPort: config.worker.metricsPort });
  const problem = await sinkCredentialsProblem(options.sink, log);
  let running: RunningWorkers;
  try {
    running = await createWorker({
      ...options,
      healthPort: config.worker.healthPort,
      ...(problem ? { notReadyBecause: problem } : {}),
    });
  } catch (err) {
    if (!(err instanceof StoppedBeforeConnectingError)) throw err;
    log.info('worker stopped', { reason: err.message });
    return;
  }
  let stopping: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    // The runtime has dropped its handlers too: a second signal ends the process at once.
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    stopping = Date.now();
    log.info('stopping: no new tasks; running activities may finish', {
      signal,
      inFlightActivities: running.workers.reduce((n, w) => n + w.getStatus().numInFlightActivities, 0),
      graceMs: shutdownGraceMs(config),
    });
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    await running.run();
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    // A failure to close must not hide why the worker stopped.
    await running.close().catch((err: unknown) => log.warn('closing the worker failed', { error: err }));
    log.info('worker stopped', stopping !== undefined ? { drainMs: Date.now() - stopping } : {});
  }
}

/**
 * Checks the sink's credentials once at start. A rejected key is logged as an error and returned, for
 * /readyz to report; a check that could not be made is a warning only (Datadog being unreachable now
 * says nothing about the key, and submissions retry through an outage).
 */
async function sinkCredentialsProblem(sink: Sink, log: Logger): Promise<string | undefined> {
  const result = await sink.checkCredentials?.();
  if (result?.status === 'rejected') log.error('Datadog rejected the API key', { reason: result.detail });
  if (result?.status === 'unknown')
    log.warn('could not check the Datadog API key', { reason: result.detail });
  return result?.status === 'rejected' ? result.detail : undefined;
}
