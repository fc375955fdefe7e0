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
import type { Sink } from '../datadog/types';
import { createLogger, parseLogLevel, type LogLevel, type Logger } from '../log';
import { loadConfig } from '../config';
import { DevSetupError } from '../sandbox/errors';
import type { DevSession, Ports } from '../sandbox/session';
import { usageError } from './errors';
import type { CliIo } from './io';
import { print } from './io';
import { sandbox as loadSandbox } from './lazy';
import {
  configOption,
  datadogSink,
  readConfig,
  secretsFor,
  temporalOptions,
  withTemporalFlags,
  type TemporalFlags,
} from './shared';

interface DevOptions extends TemporalFlags {
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

export function devCommand(baseIo: CliIo): Command {
  return temporalOptions(
    new Command('dev').description(
      'run everything locally: the sandbox (every collector against a loopback fake, points printed) ' +
        'without a config file or with --sandbox; else the worker and schedules of the config, for real',
    ),
  )
    .option('--sandbox', 'run the sandbox even when a config file exists')
    .option(...configOption)
    .option('--dry-run', 'with a config file: print points instead of sending them (the sandbox always does)')
    .option(
      '--no-server',
      'do not start a Temporal dev server (use --address, TEMPORAL_ADDRESS or the config’s address)',
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
      // --address and --namespace act as TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE: no dev server is started.
      const io = withTemporalFlags(baseIo, opts);
      if (opts.sandbox && opts.config) throw usageError('--sandbox and --config: choose one');
      const explicit = opts.config ?? (io.env.COLLECTORS_CONFIG || undefined);
      const sandbox = opts.sandbox || (explicit === undefined && !existsSync(DEFAULT_CONFIG));
      if (sandbox && opts.profile !== undefined) {
        throw usageError(
          '--profile: the sandbox reads no Temporal profile; for your own Temporal give --address (and TEMPORAL_TLS_*, TEMPORAL_API_KEY)',
        );
      }
      if (sandbox && opts.namespace !== undefined && opts.server && !io.env.TEMPORAL_ADDRESS) {
        // The dev server the sandbox starts has the namespace `default` only.
        throw usageError(
          '--namespace: only with --address (the sandbox’s own dev server has namespace default)',
        );
      }
      const ports = {
        port: portOption('--port', opts.port ?? io.env.TEMPORAL_PORT, 7233, false),
        uiPort: portOption('--ui-port', opts.uiPort ?? io.env.TEMPORAL_UI_PORT, 8233, false),
        healthPort: optionalPort('--health-port', opts.healthPort),
        metricsPort: optionalPort('--metrics-port', opts.metricsPort),
      };
      const log = devLogger(io, sandbox ? 'warn' : 'info');
      const say = (line: string) => print(io.stdout, line);
      const { DevSession, runSandbox } = loadSandbox();
      const session = new DevSession(io.registry, log, say);
      try {
        if (sandbox) {
          if (!opts.sandbox) say(`[dev] no config file (${DEFAULT_CONFIG}): running the sandbox`);
          else if (existsSync(DEFAULT_CONFIG)) say(`[dev] --sandbox: ${DEFAULT_CONFIG} is not read`);
          await runSandbox(session, {
            env: io.env,
            registry: io.registry,
            out: io.stdout,
            startServer: opts.server && !io.env.TEMPORAL_ADDRESS,
            ports,
            defaultHealthPort: () => envPort(io.env.COLLECTORS_HEALTH_PORT, 8080),
            defaultMetricsPort: () => envPort(io.env.COLLECTORS_METRICS_PORT, 9464),
            statePath: io.env.COLLECTORS_SANDBOX_STATE || undefined,
          });
        } else {
          await withConfig(io, opts, ports, session);
        }
      } catch (err) {
        throw err instanceof DevSetupError ? usageError(err.message) : err;
      } finally {
        session.dispose();
      }
    });
}

/** Reads the config, its secrets and (unless --dry-run) the Datadog sink, then runs for real. */
async function withConfig(io: CliIo, opts: DevOptions, ports: Ports, session: DevSession): Promise<void> {
  const log = session.log;
  const env: NodeJS.ProcessEnv = { ...io.env };
  if (ports.healthPort !== undefined) env.COLLECTORS_HEALTH_PORT = String(ports.healthPort);
  if (ports.metricsPort !== undefined) env.COLLECTORS_METRICS_PORT = String(ports.metricsPort);
  // The run writes a started dev server's address into `env`; reloading through envIo reads it.
  const envIo: CliIo = { ...io, env };
  const config = readConfig(envIo, opts.config, true);
  const secrets = secretsFor(config, envIo, log);
  // Without --dry-run a Datadog key is needed, as for `collectors worker`: checked before anything starts.
  const datadog: Sink | undefined = opts.dryRun ? undefined : await datadogSink(config, secrets, log);
  await loadSandbox().runWithConfig(session, {
    config,
    // Against the dev server it started: nothing from a Temporal profile (its key, its TLS).
    reload: () =>
      loadConfig({ path: opts.config, env, registry: io.registry, required: true, temporalProfile: false }),
    env,
    secrets,
    datadog,
    out: io.stdout,
    serverAllowed: opts.server && !io.env.TEMPORAL_ADDRESS,
    portGiven: (opts.port ?? (io.env.TEMPORAL_PORT || undefined)) !== undefined,
    ports,
  });
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

function envPort(raw: string | undefined, fallback: number): number {
  return portOption('port variable', raw, fallback, true);
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
