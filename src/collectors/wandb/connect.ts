/**
 * The client of a unit or a plan: the base URL from `options.baseUrl`, else env WANDB_BASE_URL, else
 * W&B's cloud; the API key from the secret wandb/api-key (env WANDB_API_KEY with the env backend).
 */
import { PermanentError } from '../../errors';
import { baseUrlFrom } from '../kit/http';
import type { Logger } from '../../log';
import type { SecretResolver } from '../../secrets/types';
import { KEY_ENV, KEY_SECRET, createClient, type WandbClient } from './client';
import { DEFAULT_BASE_URL, durationMs, type WandbSettings } from './settings';

export interface ConnectContext {
  readonly settings: WandbSettings;
  readonly secrets: SecretResolver;
  readonly log: Logger;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
  heartbeat?(details?: unknown): void;
  /** Where WANDB_BASE_URL is read; process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
}

export function baseUrlOf(settings: WandbSettings, env: NodeJS.ProcessEnv = process.env): string {
  return baseUrlFrom({
    option: settings.options.baseUrl,
    variable: 'WANDB_BASE_URL',
    env,
    fallback: DEFAULT_BASE_URL,
    fix: 'set WANDB_BASE_URL (or options.baseUrl) to your W&B Server, e.g. https://wandb.example.com, or unset it for https://api.wandb.ai',
  });
}

export async function connect(ctx: ConnectContext): Promise<WandbClient> {
  const baseUrl = baseUrlOf(ctx.settings, ctx.env);
  const apiKey = (await ctx.secrets.get(KEY_SECRET))?.trim();
  if (!apiKey) {
    throw new PermanentError(
      `no W&B API key for ${baseUrl}`,
      `set ${KEY_ENV} or the secret ${KEY_SECRET} (a key from https://wandb.ai/authorize, or your W&B Server's)`,
    );
  }
  return createClient({
    baseUrl,
    apiKey,
    fetch: ctx.fetch,
    signal: ctx.signal,
    timeoutMs: durationMs(ctx.settings.options.requestTimeout),
    log: ctx.log,
    ...(ctx.heartbeat ? { heartbeat: (d?: unknown) => ctx.heartbeat?.(d) } : {}),
  });
}
