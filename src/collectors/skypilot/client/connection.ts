/**
 * Where and how to reach one API server: a base URL without credentials, the auth header, and the
 * context every request inherits (fetch, cancellation, heartbeat, timeout).
 *
 * Auth: a service-account token as `Authorization: Bearer sky_…` (what the SkyPilot SDK sends,
 * sky/client/service_account_auth.py), with `X-Skypilot-Auth-Mode: token` so the server validates it
 * even behind an auth proxy (sky/server/server.py, BearerTokenMiddleware). Without a token, a
 * `user:password@` in the URL becomes HTTP Basic auth (fetch refuses URLs with credentials).
 */
import { PermanentError } from '../../../errors';
import type { Logger } from '../../../log';
import { registerSecret, scrubUrlCredentials } from '../../../util/redact';

/** Which credential the requests carry: a token, the `user:password@` of the URL, or none. */
export type AuthKind = 'token' | 'url' | 'none';

export interface Connection {
  /** The configured server name (the skypilot_server tag). */
  readonly server: string;
  readonly auth: AuthKind;
  /** Where the token is set, for fixes (e.g. `the secret skypilot/api-key or env SKYPILOT_API_KEY`). */
  readonly tokenFrom: string;
  /** Where the URL is set, for fixes (e.g. `url in collectors.skypilot.targets`). */
  readonly urlFrom: string;
  /** Base URL without credentials or trailing slash. */
  readonly baseUrl: string;
  /** For messages and logs: the base URL, scrubbed. */
  readonly display: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
  readonly log: Logger;
  /** Longest wait for one API request (POST and result together). */
  readonly timeoutMs: number;
  /** How often to heartbeat while a request is pending. */
  readonly heartbeatEveryMs: number;
  heartbeat(details?: unknown): void;
}

export interface ConnectionInput {
  readonly server: string;
  readonly url: string;
  readonly token?: string;
  readonly tokenFrom?: string;
  readonly urlFrom?: string;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
  readonly log: Logger;
  readonly timeoutMs: number;
  readonly heartbeatEveryMs?: number;
  heartbeat?(details?: unknown): void;
}

export function createConnection(input: ConnectionInput): Connection {
  let url: URL;
  try {
    url = new URL(input.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new PermanentError(
      `SkyPilot server ${input.server}: the configured URL is not a valid http(s) URL`,
      'set url in collectors.skypilot.targets, env SKYPILOT_API_URL or the secret skypilot/api-url to e.g. https://skypilot.example.com',
    );
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  let auth: AuthKind = 'none';
  if (input.token) {
    auth = 'token';
    registerSecret(input.token);
    headers.authorization = `Bearer ${input.token}`;
    headers['x-skypilot-auth-mode'] = 'token';
  } else if (url.username || url.password) {
    auth = 'url';
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    registerSecret(password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  const baseUrl = url.toString().replace(/\/+$/, '');
  return {
    server: input.server,
    auth,
    tokenFrom: input.tokenFrom ?? 'the secret skypilot/api-key or env SKYPILOT_API_KEY',
    urlFrom: input.urlFrom ?? 'the configured URL',
    baseUrl,
    display: scrubUrlCredentials(baseUrl),
    headers,
    fetch: input.fetch,
    signal: input.signal,
    log: input.log,
    timeoutMs: input.timeoutMs,
    // Several beats per request timeout, at most every 5 s.
    heartbeatEveryMs: input.heartbeatEveryMs ?? Math.min(5000, Math.max(250, input.timeoutMs / 4)),
    heartbeat: (details) => input.heartbeat?.(details),
  };
}

/** The same connection under another cancellation signal (e.g. one that aborts sibling pages). */
export function withSignal(conn: Connection, signal: AbortSignal): Connection {
  return { ...conn, signal };
}
