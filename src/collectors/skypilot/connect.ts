/**
 * A connection to one configured server: its URL and token from config, secrets or env.
 * URL: `url` in config, else the secret (`urlSecret`, default `skypilot/api-url`), else env
 * SKYPILOT_API_URL. Token: the secret (`tokenSecret`, default `skypilot/api-key`), else env
 * SKYPILOT_API_KEY (only for the default secret name: a per-server secret must exist itself).
 */
import type { Logger } from '../../log';
import type { SecretResolver } from '../../secrets/types';
import { PermanentError } from '../../errors';
import { createConnection, type Connection } from './client/connection';
import { durationMs, type ServerSettings, type SkyPilotSettings } from './settings';

export const URL_SECRET = 'skypilot/api-url';
export const TOKEN_SECRET = 'skypilot/api-key';

export interface ConnectContext {
  readonly settings: SkyPilotSettings;
  readonly secrets: SecretResolver;
  readonly log: Logger;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
  heartbeat?(details?: unknown): void;
  /** Environment to read SKYPILOT_API_URL / SKYPILOT_API_KEY from; process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
  readonly heartbeatEveryMs?: number;
}

export function serverSettings(settings: SkyPilotSettings, name: string): ServerSettings {
  const server = settings.targets.find((t) => t.name === name);
  if (!server)
    throw new PermanentError(
      `SkyPilot server ${name} is not configured`,
      'check collectors.skypilot.targets',
    );
  return server;
}

export async function connect(ctx: ConnectContext, name: string): Promise<Connection> {
  const server = serverSettings(ctx.settings, name);
  const env = ctx.env ?? process.env;
  const urlSecret = server.urlSecret ?? URL_SECRET;
  const fromSecret = server.url ? undefined : await ctx.secrets.get(urlSecret);
  const fromEnv = server.url || fromSecret || server.urlSecret ? undefined : nonEmpty(env.SKYPILOT_API_URL);
  const url = server.url ?? fromSecret ?? fromEnv;
  const urlFrom = server.url
    ? 'url in collectors.skypilot.targets'
    : fromSecret
      ? `the secret ${urlSecret}`
      : 'env SKYPILOT_API_URL';
  if (!url) {
    throw new PermanentError(
      `SkyPilot server ${name} has no URL`,
      server.urlSecret
        ? `set the secret ${server.urlSecret}`
        : `set url in collectors.skypilot.targets, env SKYPILOT_API_URL or the secret ${URL_SECRET}`,
    );
  }
  const token =
    (await ctx.secrets.get(server.tokenSecret ?? TOKEN_SECRET)) ??
    (server.tokenSecret ? undefined : nonEmpty(env.SKYPILOT_API_KEY));
  if (server.tokenSecret && !token) {
    throw new PermanentError(
      `SkyPilot server ${name}: the secret ${server.tokenSecret} is not set`,
      'create it, or remove tokenSecret',
    );
  }
  return createConnection({
    server: name,
    url,
    urlFrom,
    ...(token ? { token } : {}),
    tokenFrom: server.tokenSecret
      ? `the secret ${server.tokenSecret}`
      : `the secret ${TOKEN_SECRET} or env SKYPILOT_API_KEY`,
    fetch: ctx.fetch,
    signal: ctx.signal,
    log: ctx.log,
    timeoutMs: durationMs(ctx.settings.options.requestTimeout),
    ...(ctx.heartbeatEveryMs ? { heartbeatEveryMs: ctx.heartbeatEveryMs } : {}),
    ...(ctx.heartbeat ? { heartbeat: (d?: unknown) => ctx.heartbeat?.(d) } : {}),
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value?.trim() ? value.trim() : undefined;
}
