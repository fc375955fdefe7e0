/**
 * One run of `collectors dev`: whatever happens, what it started is stopped (the worker first, then
 * the fakes, the dev server last) and the stop is reported. Ctrl-C and SIGTERM start that stop
 * (./stop.ts); a dev server that exits by itself does too.
 */
import type { Registry } from '../collectors/types';
import type { Sink } from '../datadog/types';
import type { Logger } from '../log';
import type { SecretResolver } from '../secrets/types';
import {
  createWorker,
  installTemporalRuntime,
  StoppedBeforeConnectingError,
  type RunningWorkers,
} from '../temporal/worker';
import { projectRoot } from '../util/paths';
import { syncSchedulesAndAnnounce, type AnnounceArgs } from './announce';
import { asError, DevSetupError } from './errors';
import { startLocalTemporal, type LocalTemporal } from './local-temporal';
import { stopControl, type StopControl } from './stop';

/** What `collectors dev` starts, in the order it stops them, and what it says once each is stopped. */
export const STOPS = {
  worker: { order: 0, what: 'the worker', done: 'worker drained' },
  fakes: { order: 1, what: 'the fakes', done: 'fakes closed' },
  devServer: {
    order: 2,
    what: 'the Temporal dev server',
    done: 'Temporal dev server stopped (.temporal/ kept)',
  },
} as const;

interface Cleanup {
  readonly order: number;
  readonly what: string;
  readonly done: string;
  run(): Promise<void>;
}

export interface Ports {
  readonly port: number;
  readonly uiPort: number;
  readonly healthPort?: number;
  readonly metricsPort?: number;
}

export interface ServeArgs extends AnnounceArgs {
  readonly secrets: SecretResolver;
  readonly sink: Sink;
}

export class DevSession {
  private readonly cleanups: Cleanup[] = [];
  private readonly stop: StopControl;
  private temporal?: LocalTemporal;
  private failure: Error | undefined;
  private readonly onExit = () => this.temporal?.killNow();

  constructor(
    private readonly registry: Registry,
    readonly log: Logger,
    readonly say: (line: string) => void,
  ) {
    this.stop = stopControl({ say, onForce: () => this.temporal?.killNow() });
    // Whatever ends the process, the dev server does not outlive it.
    process.on('exit', this.onExit);
  }

  dispose(): void {
    this.stop.dispose();
    process.off('exit', this.onExit);
  }

  async startTemporal(ports: Ports, dbName: string): Promise<LocalTemporal | undefined> {
    this.say(
      `[dev] starting the Temporal dev server on 127.0.0.1:${ports.port} ` +
        `(Web UI http://localhost:${ports.uiPort}, state in .temporal/)`,
    );
    const started = Date.now();
    const temporal = await this.step(
      STOPS.devServer,
      () =>
        startLocalTemporal({
          root: projectRoot(),
          port: ports.port,
          uiPort: ports.uiPort,
          dbName,
          say: (line) => this.say(`[dev] ${line}`),
        }),
      (t: LocalTemporal) => t.stop(),
    );
    if (!temporal) return undefined;
    this.temporal = temporal;
    this.say(
      `[dev] Temporal dev server ready in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${temporal.pid})`,
    );
    void temporal.exited.then(() => {
      if (this.stop.signal.aborted) return;
      this.say('[dev] the Temporal dev server exited unexpectedly (see .temporal/server.log): stopping');
      this.failure ??= new Error('the Temporal dev server exited unexpectedly; see .temporal/server.log');
      this.stop.stop('dev server exited');
    });
    return temporal;
  }

  /**
   * Runs `start` unless a stop has begun; what it started is stopped at the end (`close`). Returns
   * undefined when stopped before or during the start.
   */
  async step<T>(
    kind: (typeof STOPS)[keyof typeof STOPS],
    start: () => Promise<T>,
    close: (t: T) => Promise<void>,
  ): Promise<T | undefined> {
    if (this.stop.signal.aborted) return undefined;
    const value = await start();
    this.cleanups.push({ ...kind, run: () => close(value) });
    return this.stop.signal.aborted ? undefined : value;
  }

  /** Runs `body`, then stops everything it started (the worker first, the dev server last), and reports. */
  async guard(body: () => Promise<void>): Promise<void> {
    let error: Error | undefined;
    try {
      await body();
    } catch (err) {
      error = asError(err);
    }
    this.stop.stop('stopping'); // from here on, the dev server's exit is expected
    const done: string[] = [];
    for (const c of this.cleanups.sort((a, b) => a.order - b.order)) {
      try {
        await c.run();
        done.push(c.done);
      } catch (err) {
        this.log.warn('stopping failed', { what: c.what, error: asError(err).message });
      }
    }
    this.cleanups.length = 0;
    if (done.length) this.say(`[dev] stopped: ${done.join(', ')}`);
    if (error !== undefined) throw error;
    if (this.failure !== undefined) throw this.failure;
  }

  /** The worker, the schedules, the banner; returns once the worker has drained after a stop. */
  async serve(args: ServeArgs): Promise<void> {
    const { config, log } = { config: args.config, log: this.log };
    if (this.stop.signal.aborted) return;
    let running: RunningWorkers | undefined;
    try {
      // A developer's machine: probes and metrics on loopback only (a pod's worker listens on all).
      installTemporalRuntime(log, { metricsPort: config.worker.metricsPort, metricsHost: '127.0.0.1' });
      running = await this.step(
        STOPS.worker,
        () =>
          createWorker({
            config,
            configPath: config.source,
            registry: this.registry,
            secrets: args.secrets,
            sink: args.sink,
            log,
            env: args.env,
            healthPort: config.worker.healthPort,
            healthHost: '127.0.0.1',
          }),
        (r: RunningWorkers) => r.close(),
      );
    } catch (err) {
      if (err instanceof StoppedBeforeConnectingError) return;
      const message = asError(err).message;
      if (/EADDRINUSE|address already in use/i.test(message)) {
        throw new DevSetupError(
          `${message}: choose other worker ports with --health-port and --metrics-port (0 turns one off)`,
        );
      }
      throw err;
    }
    if (!running) return;
    const workers = running.workers;
    const serving = running.run();
    const shutdown = () => {
      for (const w of workers) {
        if (w.getState() === 'RUNNING') w.shutdown();
      }
    };
    this.stop.signal.addEventListener('abort', shutdown);
    if (this.stop.signal.aborted) shutdown();
    const startup = syncSchedulesAndAnnounce(args, this.say, this.stop.signal).catch((err: unknown) => {
      this.failure ??= asError(err);
      this.stop.stop('startup failed');
    });
    try {
      await serving;
    } finally {
      this.stop.signal.removeEventListener('abort', shutdown);
      await startup;
    }
  }
}
