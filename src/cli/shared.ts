/** Pieces several commands share: config loading, logger, secrets, sinks, times, extra flags. */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { loadConfig, resolveCollector, type Config } from '../config';
import { HOST_PORT } from '../config/schema';
import { createDatadogSink } from '../datadog/datadog-sink';
import { createDryRunSink } from '../datadog/dry-run-sink';
import type { Sink } from '../datadog/types';
import { runtimeFromConfig } from '../engine/runtime-from-config';
import type { Runtime } from '../engine/runtime';
import { createLogger, parseLogLevel, type LogLevel, type Logger } from '../log';
import { deploymentSecrets } from '../collectors/secrets';
import { createSecretResolver } from '../secrets/resolver';
import type { SecretResolver } from '../secrets/types';
import { DevSetupError } from '../sandbox/errors';
import {
  readSandboxState,
  sandboxStateConfig,
  sandboxStateSecrets,
  type SandboxState,
} from '../sandbox/state';
import { parseTime } from '../time/instant';
import { usageError } from './errors';
import type { CliIo } from './io';
import { temporalClient } from './lazy';

export const configOption = [
  '--config <path>',
  'config file (default: $COLLECTORS_CONFIG or ./collectors.yaml)',
] as const;

export function commandLogger(io: CliIo, defaultLevel: LogLevel): Logger {
  const level = io.env.LOG_LEVEL ? parseLogLevel(io.env.LOG_LEVEL) : defaultLevel;
  return createLogger({ level, write: (line) => io.stderr.write(line + '\n') });
}

export function readConfig(io: CliIo, path: string | undefined, required: boolean): Config {
  return loadConfig({ path, env: io.env, registry: io.registry, required });
}

/** The connection flags of every command that talks to Temporal, spelled as the `temporal` CLI does. */
export interface TemporalFlags {
  readonly address?: string;
  readonly namespace?: string;
  readonly profile?: string;
}

/**
 * Declares --address, --namespace and --profile. Precedence: flag, then TEMPORAL_ADDRESS /
 * TEMPORAL_NAMESPACE, then the config file, then the Temporal profile, then localhost:7233 and
 * `default`.
 */
export function temporalOptions(command: Command): Command {
  return command
    .option(
      '--address <host:port>',
      'Temporal frontend (default: $TEMPORAL_ADDRESS, the config file, the Temporal profile, localhost:7233)',
    )
    .option(
      '--namespace <name>',
      'Temporal namespace (default: $TEMPORAL_NAMESPACE, the config file, the Temporal profile, default)',
    )
    .option(
      '--profile <name>',
      'profile of the Temporal profile file ($TEMPORAL_CONFIG_FILE) for what the config file leaves unset ' +
        '(default: $TEMPORAL_PROFILE, else default)',
    );
}

/**
 * `io` whose env carries the flags as TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and TEMPORAL_PROFILE, so
 * that they win over the variables, the file and a profile everywhere downstream (config reloads,
 * `collectors dev`).
 */
export function withTemporalFlags(io: CliIo, flags: TemporalFlags): CliIo {
  const { address, namespace, profile } = flags;
  if (address === undefined && namespace === undefined && profile === undefined) return io;
  if (address !== undefined && !HOST_PORT.test(address)) {
    throw usageError(`--address: "${address}" must be host:port, e.g. localhost:7233`);
  }
  if (namespace !== undefined && namespace.trim() === '') throw usageError('--namespace: must not be empty');
  if (profile !== undefined && profile.trim() === '') throw usageError('--profile: must not be empty');
  return {
    ...io,
    env: {
      ...io.env,
      ...(address !== undefined ? { TEMPORAL_ADDRESS: address } : {}),
      ...(namespace !== undefined ? { TEMPORAL_NAMESPACE: namespace } : {}),
      ...(profile !== undefined ? { TEMPORAL_PROFILE: profile } : {}),
    },
  };
}

export const sandboxOption = [
  '--sandbox',
  'the sandbox that `npm start` (collectors dev) runs: its Temporal, schedules and fakes, no token needed',
] as const;

export interface DeploymentFlags extends TemporalFlags {
  readonly config?: string;
  readonly sandbox?: boolean;
}

/**
 * The deployment a command operates, and the io to connect with: the config file's (with the
 * Temporal flags), or with --sandbox the running sandbox's (.temporal/sandbox.json).
 */
export function deploymentFor(io: CliIo, flags: DeploymentFlags): { config: Config; io: CliIo } {
  if (!flags.sandbox) {
    const flagged = withTemporalFlags(io, flags);
    return { config: readConfig(flagged, flags.config, true), io: flagged };
  }
  if (flags.config !== undefined) throw usageError('--sandbox and --config: choose one');
  if (flags.address !== undefined || flags.namespace !== undefined || flags.profile !== undefined) {
    throw usageError(
      '--sandbox and --address/--namespace/--profile: choose one (the sandbox knows its Temporal)',
    );
  }
  const state = runningSandbox(io);
  // A dev server the sandbox started takes no TLS or API key from this shell, as the sandbox's worker.
  const env = state.temporal.devServer
    ? Object.fromEntries(Object.entries(io.env).filter(([k]) => !k.startsWith('TEMPORAL_')))
    : io.env;
  return { config: sandboxStateConfig(state, io.registry, io.env), io: { ...io, env } };
}

/**
 * The config and secrets `collect <name>` runs with: the config file's and the environment's, or with
 * --sandbox the running sandbox's (the collector pointed at its fake, the fake's token).
 */
export function collectSetup(
  io: CliIo,
  name: string,
  flags: { readonly config?: string; readonly sandbox?: boolean; readonly push?: boolean },
  log: Logger,
): { config: Config; secrets: SecretResolver } {
  if (!flags.sandbox) {
    const config = readConfig(io, flags.config, false);
    return { config, secrets: secretsFor(config, io, log) };
  }
  if (flags.config !== undefined) throw usageError('--sandbox and --config: choose one');
  if (flags.push) throw usageError('--sandbox and --push: the sandbox never sends points to Datadog');
  const state = runningSandbox(io);
  if (!state.fakes.some((f) => f.collector === name)) {
    const running = state.fakes.map((f) => f.collector).join(', ') || 'none';
    throw usageError(`--sandbox: the running sandbox has no fake of ${name} (fakes: ${running})`);
  }
  return {
    config: sandboxStateConfig(state, io.registry, io.env),
    secrets: sandboxStateSecrets(state, io.registry, log),
  };
}

/**
 * The running sandbox's state ($COLLECTORS_SANDBOX_STATE, else .temporal/sandbox.json); no sandbox
 * running is a usage error that says how to start one.
 */
export function runningSandbox(io: CliIo): SandboxState {
  try {
    return readSandboxState(io.env.COLLECTORS_SANDBOX_STATE || undefined);
  } catch (err) {
    if (err instanceof DevSetupError) throw usageError(err.message);
    throw err;
  }
}

export function secretsFor(config: Config, io: CliIo, log: Logger): SecretResolver {
  return createSecretResolver({
    backend: config.secrets.backend,
    env: io.env,
    declared: deploymentSecrets(io.registry),
    region: config.secrets.region,
    endpoint: config.secrets.endpoint,
    ttlMs: config.secrets.ttlMs,
    log,
  });
}

/** A Runtime in which `name` runs even without a config section (settings from flags or defaults). */
export function runtimeFor(
  config: Config,
  io: CliIo,
  name: string,
  flags: Record<string, string[]>,
): Runtime {
  const section = resolveCollector(config, io.registry, name, flags);
  return runtimeFromConfig(
    { ...config, collectors: { ...config.collectors, [name]: { ...section, enabled: true } } },
    io.registry,
  );
}

export function parseAsOf(text: string | undefined, io: CliIo): Date {
  if (text === undefined) return new Date(Math.floor(io.now().getTime() / 1000) * 1000);
  try {
    return parseTime(text, io.now());
  } catch (err) {
    throw usageError(`--as-of: ${(err as Error).message}`);
  }
}

export async function datadogSink(config: Config, secrets: SecretResolver, log: Logger): Promise<Sink> {
  const apiKey = await secrets.get('datadog/api-key');
  if (!apiKey) {
    throw usageError(
      'no Datadog API key: set DD_API_KEY (or the secret datadog/api-key with SECRETS_BACKEND=aws), ' +
        'or run with --dry-run to print points instead of sending them',
    );
  }
  return createDatadogSink({ apiKey, url: config.datadog.url, site: config.datadog.site, log });
}

export function dryRunSink(io: CliIo, log: Logger): Sink {
  return createDryRunSink({ out: io.stdout, log });
}

export type CommandFactory = (io: CliIo) => Command;

/** Connects to the deployment's Temporal, runs `fn`, and always closes the connection. */
export async function withClient<T>(
  config: Config,
  io: CliIo,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const { client, close } = await temporalClient().connectClient(config, io.env);
  try {
    return await fn(client);
  } finally {
    await close();
  }
}
