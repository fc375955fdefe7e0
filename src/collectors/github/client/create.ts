/**
 * The composition root of GitHub access: one Octokit per unit with the configured base URL, the
 * context's fetch (proxy-aware, faked in tests) wrapped with a timeout, credentials — the token from
 * the secret `github/dashboard-token`, or with `options.app` a GitHub App installation (app-auth.ts) —
 * and a hook that reads the rate-limit headers of every answer. No throttling or retry plugin: the
 * engine's retries are the only ones (docs/design.md#failures).
 */
import { createHash } from 'node:crypto';
import { Octokit } from '@octokit/rest';
import type { Logger } from '../../../log';
import type { SecretResolver } from '../../../secrets/types';
import { apiUrl, type GithubSettings } from '../settings';
import { appAuth, isTokenMint } from './app-auth';
import { processEtagCache, type EtagCache } from './caches';
import { timedFetch } from './fetch';
import { paceFor, pacedFetch } from './pace';
import { graphqlCost, newUsage, recordResponse, resourceOf, type RequestUsage } from './usage';
import { noteBucket } from '../budget/seen';

export const TOKEN_SECRET = 'github/dashboard-token';

export interface GithubClient {
  readonly octokit: Octokit;
  readonly baseUrl: string;
  readonly usage: RequestUsage;
  readonly cache: EtagCache;
  /** Identifies the credentials in cache keys without keeping them (a hash prefix, or the app installation). */
  readonly cacheScope: string;
  /** Under app auth, the installation for messages (`GitHub App 1, installation 2`). */
  readonly appInstallation?: string;
}

export interface ClientContext {
  readonly settings: GithubSettings;
  readonly secrets: SecretResolver;
  readonly fetch: typeof fetch;
  readonly signal?: AbortSignal;
  readonly log: Logger;
}

export async function createGithubClient(
  ctx: ClientContext,
  cache = processEtagCache,
): Promise<GithubClient> {
  const baseUrl = apiUrl(ctx.settings);
  const app = ctx.settings.options.app
    ? await appAuth(ctx.settings.options.app, ctx.secrets, baseUrl)
    : undefined;
  const credentials = app
    ? { auth: { authStrategy: app.authStrategy, auth: app.auth }, scope: app.scope }
    : tokenCredentials(await ctx.secrets.require(TOKEN_SECRET), baseUrl);
  const usage = newUsage();
  const octokit = new Octokit({
    baseUrl,
    ...credentials.auth,
    userAgent: 'datadog-collectors',
    request: {
      fetch: pacedFetch(
        timedFetch(ctx.fetch, ctx.settings.options.requestTimeoutMs, ctx.signal),
        {
          rest: paceFor(`${credentials.scope} rest`, ctx.settings.options.requestsPerMinute),
          graphql: paceFor(`${credentials.scope} graphql`, ctx.settings.options.graphqlRequestsPerMinute),
        },
        ctx.signal,
      ),
    },
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => ctx.log.warn(message),
      // Octokit's request log reports every non-2xx as an error, free 304s included; failures that
      // matter reach the engine as collector errors with the repo named, so keep these at debug.
      error: (message: string) => ctx.log.debug(message),
    },
  });
  octokit.hook.wrap('request', async (request, options) => {
    const url = String(options.url);
    try {
      const response = await request(options);
      recordResponse(usage, url, response.status, response.headers, graphqlCost(response.data));
      noteBucket(
        credentials.scope,
        resourceOf(url, response.headers['x-ratelimit-resource']),
        response.headers,
      );
      return response;
    } catch (err) {
      const e = err as { status?: number; response?: { headers?: Record<string, string> } };
      // A failed token mint is the app's request, not one of the installation's rate-limited ones.
      if (!isTokenMint(err)) {
        const headers = e.response?.headers ?? {};
        recordResponse(usage, url, e.status, headers);
        noteBucket(credentials.scope, resourceOf(url, headers['x-ratelimit-resource']), headers);
      }
      // Under app auth, a failed mint or a rejected installation token says so (app-auth.ts).
      throw app?.failure(err) ?? err;
    }
  });
  return {
    octokit,
    baseUrl,
    usage,
    cache,
    cacheScope: credentials.scope,
    ...(app ? { appInstallation: app.describe } : {}),
  };
}

function tokenCredentials(token: string, baseUrl: string) {
  return {
    auth: { auth: token },
    scope: `${createHash('sha256').update(token).digest('hex').slice(0, 16)} ${baseUrl}`,
  };
}
