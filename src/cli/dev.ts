/**
 * `collectors dev` (what `npm start` runs): everything on one machine, in one command.
 *
 * - Without a config file, or with --sandbox: the sandbox. Every implemented collector talks to its
 *   loopback fake, points are printed (never sent, even with a Datadog key) with `env:sandbox`, the
 *   schedules fire every 30 s and a first cycle of each starts at once.
 * - With a config file: for real. The worker for the file's deployment, its schedules synced; points
 *   go to Datadog (a key is needed) unless --dry-run.
 *
 * Either way a Temporal dev server is started unless TEMPORAL_ADDRESS is set or --no-server (for a
 * config file, also when its temporal.address is not on this machine): Web UI on
 * http://localhost:8233, state in `.temporal/`. Ctrl-C or SIGTERM stops everything: the worker drains,
 * then the fakes and the dev server stop.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { Agent, setGlobalDispatcher } from 'undici';
import type { Config } from '../config';
import type { Sink } from '../datadog/types';
import { createLogger, parseLogLevel, type LogLevel, type Logger } from '../log';
import type * as SandboxModuleNs from '../sandbox';
import type { SandboxFakes } from '../sandbox';
import { temporalEnvOf } from '../sandbox/config';
import { realBanner, sandboxBanner, whatToLookAt, type Surroundings } from '../sandbox/banner';
import { createConsoleSink } from '../sandbox/console-sink';
import { DevSetupError } from '../sandbox/errors';
import { startLocalTemporal, type LocalTemporal } from '../sandbox/local-temporal';
import { stopControl, type StopControl } from '../sandbox/stop';
import type { SecretResolver } from '../secrets/types';
import { connectClient } from '../temporal/client';
import { temporalBinary } from '../temporal/dev-server';
import { syncSchedules, triggerSchedule } from '../temporal/schedules';
import {
  createWorker,
  installTemporalRuntime,
  StoppedBeforeConnectingError,
  type RunningWorkers,
} from '../temporal/worker';
import { proxySettings } from '../util/http-proxy';
import { projectRoot } from '../util/paths';
import { usageError } from './errors';
import type { CliIo } from './io';
import { print } from './io';
import { configOption, datadogSink, readConfig, secretsFor } from './shared';

interface DevOptions {
  sandbox?: boolean;
  config?: string;
  dryRun?: boolean;
  server: boolean;
  port?: string;
  uiPort?: string;
  healthPort?: string;
  metricsPort?: string;
}

const DEFAULT_CONFIG = './collectors.yaml';

export function devCommand(io: CliIo): Command {
  return new Command('dev')
    .description(
      'run everything locally: the sandbox (every collector against a loopback fake, points printed) ' +
        'without a config file or with --sandbox; else the worker and schedules of the config, for real',
    )
    .option('--sandbox', 'run the sandbox even when a config file exists')
    .option(...configOption)
    .option('--dry-run', 'with a config file: print points instead of sending them (the sandbox always does)')
    .option(
      '--no-server',
      'do not start a Temporal dev server (use TEMPORAL_ADDRESS or the config’s address)',
    )
    .option('--port <n>', 'gRPC port of the dev server (default: $TEMPORAL_PORT or 7233)')
    .option('--ui-port <n>', 'Web UI port of the dev server (default: $TEMPORAL_UI_PORT or 8233)')
    .option(
      '--health-port <n>',
      'worker /healthz and /readyz (default: $COLLECTORS_HEALTH_PORT or 8080; 0 off)',
    )
    .option(
      '--metrics-port <n>',
      'worker Prometheus /metrics (default: $COLLECTORS_METRICS_PORT or 9464; 0 off)',
    )
    .addHelpText(
      'after',
      '\nThe dev server keeps its state in .temporal/ and is stopped on exit. Ctrl-C (or SIGTERM) stops\n' +
        'everything: the worker drains, then the fakes and the dev server stop.',
    )
    .action(async (opts: DevOptions) => {
      if (opts.sandbox && opts.config) throw usageError('--sandbox and --config: choose one');
      const explicit = opts.config ?? (io.env.COLLECTORS_CONFIG || undefined);
      const sandbox = opts.sandbox || (explicit === undefined && !existsSync(DEFAULT_CONFIG));
      const ports = {
        port: portOption('--port', opts.port ?? io.env.TEMPORAL_PORT, 7233, false),
        uiPort: portOption('--ui-port', opts.uiPort ?? io.env.TEMPORAL_UI_PORT, 8233, false),
        healthPort: optionalPort('--health-port', opts.healthPort),
        metricsPort: optionalPort('--metrics-port', opts.metricsPort),
      };
      const log = devLogger(io, sandbox ? 'warn' : 'info');
      const say = (line: string) => print(io.stdout, line);
      const session = new DevSession(io, log, say);
      try {
        if (sandbox) {
          if (!opts.sandbox) say(`[dev] no config file (${DEFAULT_CONFIG}): running the sandbox`);
          else if (existsSync(DEFAULT_CONFIG)) say(`[dev] --sandbox: ${DEFAULT_CONFIG} is not read`);
          await session.sandbox(opts, ports);
        } else {
          await session.real(opts, ports);
        }
      } catch (err) {
        throw err instanceof DevSetupError ? usageError(err.message) : err;
      } finally {
        session.dispose();
      }
    });
}

/** What `collectors dev` starts, in the order it stops them, and what it says once each is stopped. */
const STOPS = {
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

interface Ports {
  readonly port: number;
  readonly uiPort: number;
  readonly healthPort?: number;
  readonly metricsPort?: number;
}

function portOption(flag: string, raw: string | undefined, fallback: number, zeroOk: boolean): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1) || n > 65535) {
    throw usageError(`${flag}: "${raw}" is not a port number (${zeroOk ? 0 : 1}–65535)`);
  }
  return n;
}

function optionalPort(flag: string, raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : portOption(flag, raw, 0, true);
}

function isLoopback(address: string): boolean {
  const host = address.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** One run of `collectors dev`: whatever happens, what it started is stopped (worker, fakes, dev server). */
class DevSession {
  private readonly cleanups: Cleanup[] = [];
  private readonly stop: StopControl;
  private temporal?: LocalTemporal;
  private readonly onExit = () => this.temporal?.killNow();

  constructor(
    private readonly io: CliIo,
    private readonly log: Logger,
    private readonly say: (line: string) => void,
  ) {
    this.stop = stopControl({ say, onForce: () => this.temporal?.killNow() });
    // Whatever ends the process, the dev server does not outlive it.
    process.on('exit', this.onExit);
  }

  dispose(): void {
    this.stop.dispose();
    process.off('exit', this.onExit);
  }

  async sandbox(opts: DevOptions, ports: Ports): Promise<void> {
    const { io, log } = this;
    // The sandbox talks to loopback fakes only: an HTTP(S)_PROXY of the shell must not catch those calls.
    if (proxySettings(io.env)) setGlobalDispatcher(new Agent());
    const useServer = opts.server && !io.env.TEMPORAL_ADDRESS;
    await this.guard(async () => {
      // Side by side (the dev server takes seconds); both settle before anything else, so whatever
      // started is registered for the stop even when the other failed.
      const [fakes, temporal] = await settleAll(
        this.step(
          STOPS.fakes,
          // Loaded here, not at start: the fakes use dev dependencies (graphql) that a production
          // image (npm ci --omit=dev) does not install, and every other command must still start.
          () => loadSandbox().startSandboxFakes(io.registry),
          (f: SandboxFakes) => f.close(),
        ),
        useServer ? this.startTemporal(ports, 'sandbox.sqlite') : Promise.resolve(undefined),
      );
      if (!fakes || (useServer && !temporal)) return; // stopped while starting
      for (const name of fakes.skipped) {
        this.say(
          `[dev] ${name} has no fake yet: it is left out of the sandbox (never run against the real service)`,
        );
      }
      const config = fakes.config({
        temporalAddress: temporal?.address ?? io.env.TEMPORAL_ADDRESS ?? `127.0.0.1:${ports.port}`,
        namespace: temporal ? undefined : io.env.TEMPORAL_NAMESPACE,
        healthPort: ports.healthPort ?? envPort(io.env.COLLECTORS_HEALTH_PORT, 8080),
        metricsPort: ports.metricsPort ?? envPort(io.env.COLLECTORS_METRICS_PORT, 9464),
        temporalEnv: temporal ? {} : temporalEnvOf(io.env),
      });
      const surroundings: Surroundings = {
        config,
        webUi: temporal?.uiUrl,
        temporalCli: temporalBinary(),
        sink: 'dry-run',
      };
      await this.serve({
        config,
        env: temporal ? {} : temporalEnvOf(io.env),
        secrets: fakes.secrets(log),
        // Forced: the sandbox never sends a point, whatever keys the environment holds.
        sink: createConsoleSink({
          out: io.stdout,
          log,
          webUi: temporal?.uiUrl,
          namespace: config.temporal.namespace,
        }),
        trigger: true,
        prune: true,
        announce: () =>
          [sandboxBanner(fakes.services, surroundings), whatToLookAt(surroundings, true)].join('\n'),
      });
    });
  }

  async real(opts: DevOptions, ports: Ports): Promise<void> {
    const { io, log } = this;
    const env: NodeJS.ProcessEnv = { ...io.env };
    if (ports.healthPort !== undefined) env.COLLECTORS_HEALTH_PORT = String(ports.healthPort);
    if (ports.metricsPort !== undefined) env.COLLECTORS_METRICS_PORT = String(ports.metricsPort);
    const envIo: CliIo = { ...io, env };
    const first = readConfig(envIo, opts.config, true);
    const secrets = secretsFor(first, envIo, log);
    // Without --dry-run a Datadog key is needed, as for `collectors worker`: checked before anything starts.
    const datadog: Sink | undefined = opts.dryRun ? undefined : await datadogSink(first, secrets, log);
    const useServer = opts.server && !io.env.TEMPORAL_ADDRESS && isLoopback(first.temporal.address);
    if (opts.server && !io.env.TEMPORAL_ADDRESS && !useServer) {
      this.say(`[dev] ${first.source} names Temporal at ${first.temporal.address}: no dev server is started`);
    }
    const proxy = proxySettings(env);
    if (proxy) log.info('outbound HTTP goes through a proxy', { ...proxy });
    await this.guard(async () => {
      let temporal: LocalTemporal | undefined;
      if (useServer) {
        // The config's own port, unless --port or TEMPORAL_PORT says otherwise.
        const given = (opts.port ?? (io.env.TEMPORAL_PORT || undefined)) !== undefined;
        const port = given ? ports.port : Number(/:(\d+)$/.exec(first.temporal.address)![1]);
        temporal = await this.startTemporal({ ...ports, port }, 'dev.sqlite');
        if (!temporal) return;
        // Through the env, not by editing the Config: the worker reloads the file with the same env.
        env.TEMPORAL_ADDRESS = temporal.address;
        delete env.TEMPORAL_API_KEY;
      }
      const config = temporal ? readConfig(envIo, opts.config, true) : first;
      const surroundings: Surroundings = {
        config,
        webUi: temporal?.uiUrl,
        temporalCli: temporalBinary(),
        sink: datadog ? config.datadog.site : 'dry-run',
      };
      await this.serve({
        config,
        env,
        secrets,
        sink:
          datadog ??
          createConsoleSink({
            out: io.stdout,
            log,
            webUi: temporal?.uiUrl,
            namespace: config.temporal.namespace,
          }),
        trigger: false,
        prune: false,
        announce: () => [realBanner(surroundings), whatToLookAt(surroundings, false)].join('\n'),
      });
    });
  }

  private async startTemporal(ports: Ports, dbName: string): Promise<LocalTemporal | undefined> {
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

  private failure: Error | undefined;

  /**
   * Runs `start` unless a stop has begun; what it started is stopped at the end (`close`). Returns
   * undefined when stopped before or during the start.
   */
  private async step<T>(
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
  private async guard(body: () => Promise<void>): Promise<void> {
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
  private async serve(args: {
    config: Config;
    env: NodeJS.ProcessEnv;
    secrets: SecretResolver;
    sink: Sink;
    trigger: boolean;
    prune: boolean;
    announce: () => string;
  }): Promise<void> {
    const { config, log } = { config: args.config, log: this.log };
    if (this.stop.signal.aborted) return;
    let running: RunningWorkers | undefined;
    try {
      installTemporalRuntime(log, { metricsPort: config.worker.metricsPort });
      running = await this.step(
        STOPS.worker,
        () =>
          createWorker({
            config,
            configPath: config.source,
            registry: this.io.registry,
            secrets: args.secrets,
            sink: args.sink,
            log,
            env: args.env,
            healthPort: config.worker.healthPort,
          }),
        (r: RunningWorkers) => r.close(),
      );
    } catch (err) {
      if (err instanceof StoppedBeforeConnectingError) return;
      const message = asError(err).message;
      if (/EADDRINUSE|address already in use/i.test(message)) {
        throw usageError(
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
    const startup = this.announce(args).catch((err: unknown) => {
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

  private async announce(args: {
    config: Config;
    env: NodeJS.ProcessEnv;
    trigger: boolean;
    prune: boolean;
    announce: () => string;
  }): Promise<void> {
    const { config } = args;
    const { client, close } = await connectClient(config, args.env);
    try {
      const changes = await syncSchedules(client, config, { prune: args.prune });
      for (const c of changes) {
        const note =
          c.action === 'stale'
            ? ' (no longer in the config; `collectors schedules sync --prune` deletes it)'
            : '';
        this.say(`[dev] schedule ${c.scheduleId}: ${c.action}${c.paused ? ' (paused)' : ''}${note}`);
      }
      if (args.trigger && !this.stop.signal.aborted) {
        for (const c of changes.filter((c) => c.action !== 'deleted' && c.action !== 'stale')) {
          await triggerSchedule(client, config, c.collector);
        }
      }
    } finally {
      await close();
    }
    if (!this.stop.signal.aborted) this.say(args.announce());
  }
}

/** Like Promise.all, but rejects only once every promise has settled. */
async function settleAll<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw asError(ra.reason);
  if (rb.status === 'rejected') throw asError(rb.reason);
  return [ra.value, rb.value];
}

/**
 * The command's logger, without the SDK's warning that the per-collector (activity-only) workers poll
 * no workflows: true, intended, and the first thing a newcomer would otherwise read.
 */
function devLogger(io: CliIo, defaultLevel: LogLevel): Logger {
  const level = io.env.LOG_LEVEL ? parseLogLevel(io.env.LOG_LEVEL) : defaultLevel;
  return createLogger({
    level,
    write: (line) => {
      if (!line.includes('"msg":"No workflows registered, not polling for workflow tasks"')) {
        io.stderr.write(line + '\n');
      }
    },
  });
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

function envPort(raw: string | undefined, fallback: number): number {
  return portOption('port variable', raw, fallback, true);
}

type SandboxModule = typeof SandboxModuleNs;

/** The sandbox's fakes, required on first use (see where it is called). */
function loadSandbox(): SandboxModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../sandbox') as SandboxModule;
}
