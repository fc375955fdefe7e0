/**
 * The client of a unit or a plan: the base URL from `options.baseUrl`, else env ASANA_BASE_URL, else
 * Asana's; the token from the secret asana/personal-access-token (env ASANA_TOKEN with the env backend).
 */
import { PermanentError } from '../../errors';
import { baseUrlFrom } from '../kit/http';
import type { SecretResolver } from '../../secrets/types';
import { parseDuration } from '../../time/duration';
import { TOKEN_ENV, TOKEN_FIX, TOKEN_SECRET, createClient, type AsanaClient } from './client';
import { DEFAULT_BASE_URL, type AsanaSettings } from './settings';

export interface ConnectContext {
  readonly settings: AsanaSettings;
  readonly secrets: SecretResolver;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
  heartbeat?(details?: unknown): void;
  /** Where ASANA_BASE_URL is read; process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
}

export function baseUrlOf(settings: AsanaSettings, env: NodeJS.ProcessEnv = process.env): string {
  return baseUrlFrom({
    option: settings.options.baseUrl,
    variable: 'ASANA_BASE_URL',
    env,
    fallback: DEFAULT_BASE_URL,
    fix: `set ASANA_BASE_URL (or options.baseUrl) to the Asana API, e.g. ${DEFAULT_BASE_URL}, or unset it`,
  });
}

export async function connect(ctx: ConnectContext): Promise<AsanaClient> {
  const baseUrl = baseUrlOf(ctx.settings, ctx.env);
  const token = (await ctx.secrets.get(TOKEN_SECRET))?.trim();
  if (!token) throw new PermanentError(`no Asana token for ${baseUrl} (${TOKEN_ENV})`, TOKEN_FIX);
  return createClient({
    baseUrl,
    token,
    fetch: ctx.fetch,
    signal: ctx.signal,
    timeoutMs: parseDuration(ctx.settings.options.requestTimeout),
    ...(ctx.heartbeat ? { heartbeat: (d?: unknown) => ctx.heartbeat?.(d) } : {}),
  });
}
