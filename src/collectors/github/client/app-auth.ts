/**
 * GitHub App installation auth (`options.app`). Octokit's `authStrategy` is `@octokit/auth-app`: it signs
 * a JWT with the app's private key (the secret `github/app-private-key`), trades it for an installation
 * token (`POST /app/installations/{id}/access_tokens`, through the unit's Octokit, so through
 * `ctx.fetch` and the configured base URL) and sends that token with every request.
 *
 * An installation token lives an hour. auth-app keeps the ones it minted in the cache it is given; here
 * that cache is one process-wide store shared by every unit's Octokit, keyed by (base URL, app,
 * installation, key hash), and a token is used until {@link TOKEN_MARGIN_MS} before it expires (longer
 * than a unit's timeout), so a cycle mints one token, not one per unit. auth-app also merges concurrent
 * mints for one installation into one request.
 */
import { createHash, createPrivateKey } from 'node:crypto';
import { createAppAuth } from '@octokit/auth-app';
import type { SecretResolver } from '../../../secrets/types';
import { PermanentError } from '../../../errors';
import type { GithubAppSettings } from '../settings';
import { BoundedCache } from './caches';
import { rateLimitWait } from './errors';

export const APP_KEY_SECRET = 'github/app-private-key';

/** A cached token is not used in its last 10 minutes: no unit outlives the token it started with. */
export const TOKEN_MARGIN_MS = 10 * 60_000;

const KEY_FIX =
  `set the secret ${APP_KEY_SECRET} (env GITHUB_APP_PRIVATE_KEY) to the contents of a .pem private key ` +
  'of the GitHub App (its settings → Private keys → Generate a private key), newlines included';

interface CachedToken {
  /** auth-app's serialized token (`token|createdAt|expiresAt|…`). */
  readonly value: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/** Installation tokens of the process, a few hundred bytes each. Cleared by `clearProcessCaches`. */
export const processInstallationTokens: BoundedCache<CachedToken> = BoundedCache.shared(256 * 1024);

/** The `auth` option of an Octokit with `authStrategy: createAppAuth`. */
export interface AppAuthOptions {
  readonly appId: number | string;
  readonly privateKey: string;
  readonly installationId: number;
  readonly cache: {
    get(key: string): string | Promise<string>;
    set(key: string, value: string): void;
  };
}

export interface AppAuth {
  readonly authStrategy: typeof createAppAuth;
  readonly auth: AppAuthOptions;
  /** Names the installation in cache keys and messages (no secret in it). */
  readonly scope: string;
  readonly describe: string;
  /**
   * What a failure means under app auth: a failed token mint becomes a PermanentError naming the
   * setting and the fix (or stays retryable: network, 5xx, rate limit); a 401 on an API call drops the
   * cached token and is retried with a new one. Undefined: not an app-auth failure.
   */
  failure(err: unknown): unknown;
}

/** The app auth of `app` at `baseUrl`, with its private key read and checked. */
export async function appAuth(
  app: GithubAppSettings,
  secrets: SecretResolver,
  baseUrl: string,
  tokens: BoundedCache<CachedToken> = processInstallationTokens,
  now: () => number = Date.now,
): Promise<AppAuth> {
  const privateKey = readPrivateKey(await secrets.require(APP_KEY_SECRET));
  const installationId = Number(app.installationId);
  const keyHash = createHash('sha256').update(privateKey).digest('hex').slice(0, 16);
  const scope = `app ${app.appId}/${installationId} ${baseUrl}`;
  const prefix = `${scope} ${keyHash} `;
  const cache: AppAuthOptions['cache'] = {
    get(key) {
      const hit = tokens.get(prefix + key);
      if (hit && hit.expiresAt - now() > TOKEN_MARGIN_MS) return hit.value;
      if (hit) tokens.delete(prefix + key);
      return undefined as unknown as string; // auth-app reads a falsy value as a miss
    },
    set(key, value) {
      const expiresAt = Date.parse(value.split('|')[2] ?? '');
      if (Number.isFinite(expiresAt)) tokens.set(prefix + key, { value, expiresAt });
    },
  };
  const forget = () => tokens.delete(`${prefix}${installationId}`);
  const describe = `GitHub App ${app.appId}, installation ${installationId}`;
  return {
    authStrategy: createAppAuth,
    auth: { appId: app.appId, privateKey, installationId, cache },
    scope,
    describe,
    failure: (err) => failure(err, app.appId, installationId, baseUrl, forget, now()),
  };
}

/**
 * The PEM as PKCS#8, whatever form Node reads (PKCS#1 as GitHub hands it out, PKCS#8), with `\n`
 * escapes turned into newlines (keys pasted into one-line env files).
 */
function readPrivateKey(secret: string): string {
  let pem = secret.trim();
  if (!pem.includes('\n') && pem.includes('\\n')) pem = pem.replace(/\\n/g, '\n');
  let key;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new PermanentError(`the secret ${APP_KEY_SECRET} is not a PEM private key (${reason})`, KEY_FIX, {
      cause: err,
    });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new PermanentError(
      `the secret ${APP_KEY_SECRET} is a ${key.asymmetricKeyType ?? 'non-RSA'} key; GitHub App keys are RSA`,
      KEY_FIX,
    );
  }
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

interface RequestFailure {
  readonly status?: number;
  readonly message: string;
  readonly request?: { readonly url?: string };
  readonly response?: { readonly headers?: Readonly<Record<string, string | number | undefined>> };
}

const MINT = /\/app\/installations\/[^/]+\/access_tokens$/;

/** True for a failure of `POST /app/installations/{id}/access_tokens` (auth-app minting a token). */
export function isTokenMint(err: unknown): boolean {
  return err instanceof Error && MINT.test((err as RequestFailure).request?.url ?? '');
}

function failure(
  err: unknown,
  appId: number | string,
  installationId: number,
  baseUrl: string,
  forget: () => void,
  now: number,
): unknown {
  if (!(err instanceof Error)) return undefined;
  const f = err as RequestFailure;
  const detail = f.message.split(' - ')[0];
  const installation = `installation ${installationId} of GitHub App ${appId}`;
  if (!isTokenMint(err)) {
    if (f.status !== 401) return undefined;
    // Revoked or expired early: mint a new token on the next attempt, where a gone installation is a 404.
    forget();
    return new Error(
      `GitHub rejected the token of ${installation} (401 ${detail}); retrying with a new one`,
      {
        cause: err,
      },
    );
  }
  const status = f.status;
  if (status === 401) {
    // GitHub names the claim when the JWT's times are off: the worker's clock, not the key.
    const clock = /\('(exp|iat)'\)/.test(detail ?? '');
    return new PermanentError(
      `GitHub rejected the JWT of GitHub App ${appId} minting a token for installation ${installationId} ` +
        `(401 ${detail})`,
      clock
        ? 'set the worker’s clock right (NTP): GitHub checks the JWT’s issue and expiry times'
        : `${KEY_FIX}; check collectors.github.options.app.appId`,
      { cause: err },
    );
  }
  if (status === 404) {
    return new PermanentError(
      `GitHub App ${appId} has no installation ${installationId} at ${baseUrl} (404)`,
      'set collectors.github.options.app.installationId to the id of the app’s installation on the ' +
        'organization (the number at the end of …/settings/installations/<id>), and ' +
        'collectors.github.options.app.appId to that app’s id',
      { cause: err },
    );
  }
  const limited =
    rateLimitWait(f.response?.headers ?? {}, now) !== undefined || /rate limit/i.test(f.message);
  if (status === 403 && !limited) {
    return new PermanentError(
      `GitHub refused a token for ${installation} (403 ${detail})`,
      'unsuspend the installation (organization settings → GitHub Apps), or install the app again',
      { cause: err },
    );
  }
  // Rate limits, 5xx, network failures, timeouts: the engine's usual handling (retried).
  return undefined;
}
