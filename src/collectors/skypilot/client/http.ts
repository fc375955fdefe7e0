/**
 * One HTTP exchange with the API server, bounded by a deadline and by the unit's cancellation, and
 * the mapping of HTTP statuses to the engine's errors. Never retries: Temporal is the retry layer.
 */
import { PermanentError, RateLimitedError } from '../../../errors';
import { scrubUrlCredentials } from '../../../util/redact';
import type { Connection } from './connection';
import { ProtocolError, RequestTimeoutError, credentialsRefused, detailOf } from './errors';
import { causeOf, parseJson } from '../../kit/http';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  /** The JSON body; undefined when empty or not JSON. */
  readonly body: unknown;
}

export interface SendOptions {
  readonly body?: unknown;
  /** Epoch ms by which the answer must be read in full. */
  readonly deadline: number;
  /** What is being asked, for messages (e.g. `POST /status`). */
  readonly what: string;
}

export async function send(
  conn: Connection,
  method: string,
  path: string,
  opts: SendOptions,
): Promise<Answer> {
  const remaining = opts.deadline - Date.now();
  if (remaining <= 0) throw timedOut(conn, opts.what);
  const timeout = AbortSignal.timeout(remaining);
  const headers =
    opts.body === undefined ? conn.headers : { ...conn.headers, 'content-type': 'application/json' };
  try {
    const res = await conn.fetch(`${conn.baseUrl}${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.any([conn.signal, timeout]),
      // A redirect is an SSO proxy's login page, never the API: report it rather than follow it.
      redirect: 'manual',
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: parseJson(text) };
  } catch (err) {
    if (conn.signal.aborted)
      throw conn.signal.reason instanceof Error ? conn.signal.reason : new Error('cancelled');
    if (timeout.aborted) throw timedOut(conn, opts.what);
    throw new Error(
      scrubUrlCredentials(
        `SkyPilot API server ${conn.server} (${conn.display}) is unreachable: ${causeOf(err)}`,
      ),
      { cause: err },
    );
  }
}

/** Throws the engine's error for a status that is not a success. */
export function check(conn: Connection, answer: Answer, what: string): void {
  const { status } = answer;
  if (status >= 200 && status < 300) return;
  const detail = detailOf(answer.body);
  const said = scrubUrlCredentials(
    `SkyPilot API server ${conn.server} (${conn.display}) answered ${what} with HTTP ${status}${detail ? `: ${detail}` : ''}`,
  );
  if (status >= 300 && status < 400) {
    throw new PermanentError(
      said,
      'use the API server URL itself; behind an SSO proxy, authenticate with a service-account token',
    );
  }
  if (status === 401 || status === 403) throw credentialsRefused(conn, status, detail);
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfter = Number(answer.headers.get('retry-after'));
    if (retryAfter > 0) throw new RateLimitedError(said, retryAfter * 1000);
    throw new Error(said);
  }
  throw new PermanentError(said, 'check the URL, and that the server runs SkyPilot 0.10.3 or later');
}

export function timedOut(conn: Connection, what: string): RequestTimeoutError {
  return new RequestTimeoutError(
    `SkyPilot API server ${conn.server} (${conn.display}): ${what} got no answer within ${conn.timeoutMs / 1000} s`,
  );
}

export function expectJson(conn: Connection, answer: Answer, what: string): unknown {
  if (answer.body === undefined) {
    throw new ProtocolError(
      `SkyPilot API server ${conn.server} answered ${what} with a body that is not JSON`,
    );
  }
  return answer.body;
}
