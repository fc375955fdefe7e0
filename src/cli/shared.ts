/** Pieces several commands share: config loading, logger, secrets, sinks, times, extra flags. */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { loadConfig, resolveCollector, type Config } from '../config';
import { createDatadogSink } from '../datadog/datadog-sink';
import { createDryRunSink } from '../datadog/dry-run-sink';
import type { Sink } from '../datadog/types';
import { runtimeFromConfig } from '../engine/runtime-from-config';
import type { Runtime } from '../engine/runtime';
import { createLogger, parseLogLevel, type LogLevel, type Logger } from '../log';
import { deploymentSecrets } from '../collectors/secrets';
import { createSecretResolver } from '../secrets/resolver';
import type { SecretResolver } from '../secrets/types';
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

/**
 * Collector flags the command does not declare (`--repo a/b --repo c/d`) → `{ repo: ['a/b', 'c/d'] }`,
 * handed to the collector's `settingsFromFlags`.
 */
export function extraFlags(args: readonly string[]): Record<string, string[]> {
  const flags: Record<string, string[]> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) throw usageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const key = arg.slice(2, eq < 0 ? undefined : eq);
    let value = eq < 0 ? undefined : arg.slice(eq + 1);
    if (value === undefined) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) throw usageError(`--${key} needs a value`);
      value = next;
      i++;
    }
    (flags[key] ??= []).push(value);
  }
  return flags;
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
