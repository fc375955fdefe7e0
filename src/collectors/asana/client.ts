/**
 * Asana's REST API 1.0: `GET <base>/<path>` with `Authorization: Bearer <token>` (a personal access
 * token or an OAuth token). Answers are `{ data }`, lists `{ data, next_page }` with `next_page`
 * only when `limit` is sent; errors are `{ errors: [{ message, help }] }`. Every request has a timeout
 * and ends with the unit; failures map to the engine's errors. Never retries: Temporal is the retry
 * layer, and a 429 ends the attempt with Asana's Retry-After.
 */
import { PermanentError, RateLimitedError } from '../../errors';
import { registerSecret, scrubUrlCredentials } from '../../util/redact';
import { brief, causeOf, parseJson } from '../kit/http';

export const TOKEN_SECRET = 'asana/personal-access-token';
export const TOKEN_ENV = 'ASANA_TOKEN';
export const TOKEN_FIX = `set a valid Asana personal access token (Asana → My settings → Apps → Developer apps) in ${TOKEN_ENV} or the secret ${TOKEN_SECRET}`;
/** Asana's largest page. */
export const PAGE_SIZE = 100;
/** When a 429 carries no Retry-After: Asana's limits are per minute. */
const DEFAULT_WAIT_MS = 60_000;

export type Query = Readonly<Record<string, string | number | undefined>>;

export interface AsanaClient {
  /** Base URL without trailing slash, e.g. `https://app.asana.com/api/1.0`. */
  readonly baseUrl: string;
  /** Requests sent so far (every GET, whatever its answer). */
  readonly requests: number;
  /** One object: the `data` of `GET <path>?<query>`. */
  get<T>(path: string, query: Query, subject: string): Promise<T>;
  /** Every item of a list, `PAGE_SIZE` a page, following `next_page.offset`. */
  list<T>(path: string, query: Query, subject: string): Promise<T[]>;
}

export interface ClientInput {
  readonly baseUrl: string;
  readonly token: string;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** Called after every answer (an activity heartbeat). */
  heartbeat?(details?: unknown): void;
}

/** The server answered 408 or 5xx, or not at all: retried. */
export class AsanaServerError extends Error {
  override readonly name = 'AsanaServerError';
}

/** HTTP 402: the workspace's plan lacks a premium feature the request needs. */
export class PaymentRequiredError extends PermanentError {
  constructor(
    message: string,
    /** Asana's own words. */
    readonly asanaMessage: string,
  ) {
    super(message, 'upgrade the workspace to a paid Asana plan, or accept the metric as absent');
  }
}

interface ErrorBody {
  readonly errors?: readonly { readonly message?: string; readonly help?: string }[];
}

interface ListPage<T> {
  readonly data?: T[];
  readonly next_page?: { readonly offset?: string } | null;
}

export function createClient(input: ClientInput): AsanaClient {
  const baseUrl = input.baseUrl.replace(/\/+$/, '');
  registerSecret(input.token);
  const authorization = `Bearer ${input.token}`;
  const display = scrubUrlCredentials(baseUrl);
  let requests = 0;

  async function send(path: string, query: Query, subject: string): Promise<unknown> {
    const url = new URL(`${baseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const timeout = AbortSignal.timeout(input.timeoutMs);
    requests++;
    let status: number;
    let headers: Headers;
    let text: string;
    try {
      const res = await input.fetch(url, {
        headers: { authorization, accept: 'application/json' },
        signal: AbortSignal.any([input.signal, timeout]),
        // A redirect is a proxy's login page, never the API.
        redirect: 'manual',
      });
      ({ status, headers } = res);
      text = await res.text();
    } catch (err) {
      if (input.signal.aborted)
        throw input.signal.reason instanceof Error ? input.signal.reason : new Error('cancelled');
      if (timeout.aborted) {
        throw new AsanaServerError(
          `Asana at ${display} did not answer ${subject} within ${input.timeoutMs / 1000} s`,
        );
      }
      throw new AsanaServerError(`Asana at ${display} is unreachable (${subject}): ${causeOf(err)}`, {
        cause: err,
      });
    } finally {
      input.heartbeat?.({ requests });
    }
    const parsed = parseJson(text);
    if (status === 200 && parsed !== undefined) return parsed;
    throw errorOf(
      status,
      headers,
      parsed as ErrorBody | undefined,
      text,
      (what) => `Asana at ${display} answered ${subject} with ${what}`,
    );
  }

  return {
    baseUrl,
    get requests() {
      return requests;
    },
    async get<T>(path: string, query: Query, subject: string): Promise<T> {
      const body = (await send(path, query, subject)) as { data?: T };
      if (body.data === undefined)
        throw new AsanaServerError(`Asana at ${display} answered ${subject} without data`);
      return body.data;
    },
    async list<T>(path: string, query: Query, subject: string): Promise<T[]> {
      const items: T[] = [];
      let offset: string | undefined;
      do {
        const page = (await send(path, { ...query, limit: PAGE_SIZE, offset }, subject)) as ListPage<T>;
        if (!Array.isArray(page.data)) {
          throw new AsanaServerError(`Asana at ${display} answered ${subject} without a list`);
        }
        items.push(...page.data);
        offset = page.next_page?.offset ?? undefined;
      } while (offset);
      return items;
    },
  };
}

function errorOf(
  status: number,
  headers: Headers,
  body: ErrorBody | undefined,
  text: string,
  said: (what: string) => string,
): Error {
  const message =
    body?.errors
      ?.map((e) => e.message ?? '')
      .filter(Boolean)
      .join('; ') || brief(text);
  const withMessage = (what: string) => said(message ? `${what}: ${message}` : what);
  if (status === 401) return new PermanentError(withMessage('HTTP 401 (the token was refused)'), TOKEN_FIX);
  if (status === 402) return new PaymentRequiredError(withMessage('HTTP 402 (a premium feature)'), message);
  if (status === 403) {
    return new PermanentError(
      withMessage('HTTP 403'),
      `give the user of the token in ${TOKEN_ENV} / ${TOKEN_SECRET} access to it, or use a member's token`,
    );
  }
  if (status === 404) {
    return new PermanentError(
      withMessage('HTTP 404'),
      'check the gids under collectors.asana.targets: the object does not exist or the token’s user cannot see it',
    );
  }
  if (status === 429) {
    const wait = retryAfterMs(headers);
    return new RateLimitedError(
      `${said('HTTP 429 (rate limit)')}; retry in ${Math.ceil(wait / 1000)} s`,
      wait,
    );
  }
  if (status >= 300 && status < 400) {
    return new PermanentError(
      said(`a redirect (HTTP ${status})`),
      'set options.baseUrl (or ASANA_BASE_URL) to the API itself, e.g. https://app.asana.com/api/1.0',
    );
  }
  if (status === 408 || status >= 500) return new AsanaServerError(withMessage(`HTTP ${status}`));
  // An offset token expires after a while: a fresh attempt reads the list from its start.
  if (status === 400 && /offset/i.test(message)) return new AsanaServerError(withMessage('HTTP 400'));
  if (status === 400) {
    return new PermanentError(
      withMessage('HTTP 400'),
      'the request was refused as written: check collectors.asana (gids, options), else report it',
    );
  }
  return new PermanentError(
    withMessage(`HTTP ${status}${body === undefined ? ', not JSON' : ''}`),
    'check options.baseUrl (or ASANA_BASE_URL): it must be the Asana API, e.g. https://app.asana.com/api/1.0',
  );
}

/** `Retry-After` in seconds (Asana's form), else a minute. */
export function retryAfterMs(headers: Headers): number {
  const raw = headers.get('retry-after');
  const seconds = Number(raw);
  if (raw !== null && raw.trim() !== '' && Number.isFinite(seconds)) return Math.max(1000, seconds * 1000);
  return DEFAULT_WAIT_MS;
}
