/**
 * One W&B GraphQL endpoint: `POST <base>/graphql` with HTTP Basic auth, user `api` and the API key as
 * password (what W&B's own clients send for a key; Bearer is for OAuth tokens only). Every request
 * has a timeout and ends with the unit; failures map to the engine's errors. Never retries: Temporal
 * is the retry layer, and a spent rate limit ends the attempt with the time to wait.
 */
import { PermanentError, RateLimitedError } from '../../errors';
import type { Logger } from '../../log';
import { registerSecret, scrubUrlCredentials } from '../../util/redact';
import { brief, causeOf, parseJson } from '../kit/http';

export const KEY_SECRET = 'wandb/api-key';
export const KEY_ENV = 'WANDB_API_KEY';
export const KEY_FIX = `set a valid API key (https://wandb.ai/authorize, or your W&B Server's /authorize page) in ${KEY_ENV} or the secret ${KEY_SECRET}`;
/** When a 429 says neither when to come back nor that nothing remains. */
const DEFAULT_WAIT_MS = 60_000;

export interface WandbClient {
  /** Base URL without trailing slash, e.g. `https://api.wandb.ai`. */
  readonly baseUrl: string;
  /** Requests sent so far (every POST, whatever its answer). */
  readonly requests: number;
  query<T>(request: GraphqlRequest): Promise<T>;
}

export interface GraphqlRequest {
  /** The document, with one named operation. */
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>>;
  /** What is asked, for messages: e.g. `project acme/llm (runs)`. */
  readonly subject: string;
}

export interface ClientInput {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  readonly log: Logger;
  /** Called after every answer (an activity heartbeat). */
  heartbeat?(details?: unknown): void;
}

/** The server answered 408 or 5xx, or not at all: retried. */
export class WandbServerError extends Error {
  override readonly name = 'WandbServerError';
}

interface GraphqlAnswer {
  readonly data?: unknown;
  readonly errors?: readonly { readonly message?: string }[];
}

export function createClient(input: ClientInput): WandbClient {
  const baseUrl = input.baseUrl.replace(/\/+$/, '');
  registerSecret(input.apiKey);
  const authorization = `Basic ${Buffer.from(`api:${input.apiKey}`).toString('base64')}`;
  registerSecret(authorization.slice('Basic '.length));
  let requests = 0;
  const display = scrubUrlCredentials(baseUrl);

  async function post(
    body: string,
    subject: string,
  ): Promise<{ status: number; headers: Headers; text: string }> {
    const timeout = AbortSignal.timeout(input.timeoutMs);
    requests++;
    try {
      const res = await input.fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
        body,
        signal: AbortSignal.any([input.signal, timeout]),
        // A redirect is an SSO proxy's login page, never the API.
        redirect: 'manual',
      });
      return { status: res.status, headers: res.headers, text: await res.text() };
    } catch (err) {
      if (input.signal.aborted)
        throw input.signal.reason instanceof Error ? input.signal.reason : new Error('cancelled');
      if (timeout.aborted) {
        throw new WandbServerError(
          `W&B at ${display} did not answer ${subject} within ${input.timeoutMs / 1000} s`,
        );
      }
      throw new WandbServerError(`W&B at ${display} is unreachable (${subject}): ${causeOf(err)}`, {
        cause: err,
      });
    } finally {
      input.heartbeat?.({ requests });
    }
  }

  return {
    baseUrl,
    get requests() {
      return requests;
    },
    async query<T>(request: GraphqlRequest): Promise<T> {
      const body = JSON.stringify({ query: request.query, variables: request.variables ?? {} });
      const answer = await post(body, request.subject);
      const said = (what: string) => `W&B at ${display} answered ${request.subject} with ${what}`;
      const parsed = parseJson(answer.text) as GraphqlAnswer | undefined;
      const message = parsed?.errors?.[0]?.message ?? brief(answer.text);
      const { status } = answer;
      if (status === 401) {
        throw new PermanentError(
          said(`HTTP 401 (the API key was refused${message ? `: ${message}` : ''})`),
          KEY_FIX,
        );
      }
      if (status === 403) {
        throw new PermanentError(
          said(`HTTP 403${message ? `: ${message}` : ''}`),
          `give the user of the key in ${KEY_ENV} / ${KEY_SECRET} access to the entity, or use a key of a member`,
        );
      }
      if (status === 429) {
        const wait = rateLimitWait(answer.headers);
        throw new RateLimitedError(
          `${said('HTTP 429 (rate limit)')}; retry in ${Math.ceil(wait / 1000)} s`,
          wait,
        );
      }
      if (status >= 300 && status < 400) {
        throw new PermanentError(
          said(`a redirect (HTTP ${status})`),
          'set options.baseUrl (or WANDB_BASE_URL) to the API URL itself, e.g. https://api.wandb.ai',
        );
      }
      if (status === 408 || status >= 500)
        throw new WandbServerError(said(`HTTP ${status}: ${message || 'no message'}`));
      // GraphQL servers answer a query they refuse with 200 or 400 and a list of errors.
      if ((status === 200 || status === 400) && parsed?.errors?.length)
        throw graphqlError(said, parsed.errors);
      if (status !== 200 || parsed === undefined) {
        throw new PermanentError(
          said(`HTTP ${status}${parsed === undefined ? ', not JSON' : ''}: ${message || 'no message'}`),
          'check options.baseUrl (or WANDB_BASE_URL): it must be the W&B API, e.g. https://api.wandb.ai',
        );
      }
      if (parsed.data === undefined || parsed.data === null) throw new WandbServerError(said('no data'));
      return parsed.data as T;
    },
  };
}

function graphqlError(said: (what: string) => string, errors: GraphqlAnswer['errors'] & object): Error {
  const text = errors.map((e) => e.message ?? '?').join('; ');
  // A query the server's schema refuses will be refused again: an older W&B Server.
  if (/Cannot query field|Unknown argument|Unknown type/i.test(text)) {
    return new GraphqlSchemaError(said(`GraphQL errors: ${text}`));
  }
  if (/permission|not authorized|forbidden/i.test(text)) {
    return new PermanentError(
      said(`GraphQL errors: ${text}`),
      `give the user of the key in ${KEY_ENV} / ${KEY_SECRET} access to the project`,
    );
  }
  // Anything else (a timeout inside the server, "internal error") may pass: retried.
  return new WandbServerError(said(`GraphQL errors: ${text}`));
}

/** The server's schema lacks a field or argument the query uses (an older W&B Server). */
export class GraphqlSchemaError extends PermanentError {
  constructor(message: string) {
    super(message, 'upgrade W&B Server, or report the missing field: the collector needs it');
  }
}

/**
 * How long to wait after a 429: `Retry-After` (seconds), else `RateLimit-Reset` (seconds until the
 * budget refills) when `RateLimit-Remaining` is 0, else a minute.
 */
export function rateLimitWait(headers: Headers): number {
  const retryAfter = Number(headers.get('retry-after'));
  if (headers.get('retry-after') !== null && Number.isFinite(retryAfter))
    return Math.max(1000, retryAfter * 1000);
  const reset = Number(headers.get('ratelimit-reset'));
  if (
    headers.get('ratelimit-remaining') === '0' &&
    headers.get('ratelimit-reset') !== null &&
    Number.isFinite(reset)
  ) {
    // One extra second: the reset is whole seconds.
    return Math.max(1000, reset * 1000 + 1000);
  }
  return DEFAULT_WAIT_MS;
}
