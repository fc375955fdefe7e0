/**
 * One `POST /api/v2/series`, gzip-encoded, with its own timeout: the body is the chunker's JSON
 * (chunk.ts), the very bytes @datadog/datadog-api-client would send for the same series
 * (test/datadog/chunk.test.ts checks it against the client's serializer). The worker sends nothing
 * else to the intake, so it does without the client (about 80 MB of a worker's memory). Nothing here
 * retries (Temporal is the only retry layer, docs/design.md#failures); a failure becomes an error
 * that says whether a retry can help.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { DataPoint } from '../catalog/model';
import { payloadBody } from './chunk';
import { datadogErrors, IntakeUnavailableError, rejectionError } from './intake-errors';
import { isNetworkError, networkErrorText } from './network-errors';

const gzipAsync = promisify(gzip);

export interface IntakeEndpoint {
  readonly apiKey: string;
  readonly site: string;
  /** Base URL override (DD_URL), without a trailing slash; wins over `site`. */
  readonly baseUrl?: string;
  /** The intake as named in messages (credentials redacted). */
  readonly target: string;
  readonly timeoutMs: number;
  readonly transport: typeof fetch;
  /** Removes the API key (and redacts URLs) from text that goes into a message. */
  readonly scrub: (text: string) => string;
}

/** Sends one payload: true when accepted, false on 413; throws on anything else. */
export type PostPayload = (points: readonly DataPoint[], signal?: AbortSignal) => Promise<boolean>;

export function payloadPoster(endpoint: IntakeEndpoint): PostPayload {
  const { target, timeoutMs, scrub } = endpoint;
  const url = `${endpoint.baseUrl ?? `https://api.${endpoint.site}`}/api/v2/series`;
  return async (points, signal) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const requestSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await endpoint.transport(url, {
        method: 'POST',
        headers: {
          'DD-API-KEY': endpoint.apiKey,
          'Content-Type': 'application/json',
          'Content-Encoding': 'gzip',
          Accept: 'application/json',
        },
        body: await gzipAsync(payloadBody(points)),
        signal: requestSignal,
      });
    } catch (err) {
      if (signal?.aborted) throw signal.reason ?? err;
      if (timeout.aborted) {
        throw new IntakeUnavailableError(
          `Datadog intake at ${target} did not answer within ${timeoutMs} ms`,
          undefined,
          { cause: err },
        );
      }
      if (isNetworkError(err)) {
        throw new IntakeUnavailableError(
          `Datadog intake at ${target} is unreachable: ${scrub(networkErrorText(err))}`,
          undefined,
          { cause: err },
        );
      }
      throw err;
    }
    if (response.ok || response.status === 413) {
      await response.body?.cancel();
      return response.ok;
    }
    // Datadog's `{"errors": [...]}`, or whatever a proxy answered.
    const text = await response.text().catch(() => '');
    throw rejectionError(response.status, scrub(datadogErrors(text)), target);
  };
}
