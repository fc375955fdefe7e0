/**
 * One `POST /api/v2/series` through @datadog/datadog-api-client, gzip-encoded, with its own timeout.
 * The client never retries (Temporal is the only retry layer, docs/design.md#failures); a failure becomes an error
 * that says whether a retry can help.
 */
import type * as DatadogApiClient from '@datadog/datadog-api-client';
import type { DataPoint } from '../catalog/model';
import { toSeries } from './chunk';
import { datadogErrors, IntakeUnavailableError, rejectionError } from './intake-errors';
import { isNetworkError, networkErrorText } from './network-errors';

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

/**
 * The client is over 7,000 modules (about 2 s and 150 MB to load): required on the first post only,
 * so commands that never send (`--help`, `list`, a dry run) never load it.
 */
export function datadogApiClient(): typeof DatadogApiClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@datadog/datadog-api-client') as typeof DatadogApiClient;
}

export function payloadPoster(endpoint: IntakeEndpoint): PostPayload {
  let post: PostPayload | undefined;
  return (points, signal) => (post ??= loadPoster(endpoint))(points, signal);
}

function loadPoster(endpoint: IntakeEndpoint): PostPayload {
  const { client, v2 } = datadogApiClient();
  const { baseUrl, site, target, timeoutMs, scrub } = endpoint;
  // The client reads the request signal from the configuration, not from the call: each request
  // gets its own configuration (passed as the call's `options`) carrying its timeout signal.
  const configuration = (signal?: AbortSignal): DatadogApiClient.client.Configuration => {
    const config = client.createConfiguration({
      authMethods: { apiKeyAuth: endpoint.apiKey },
      enableRetry: false,
      // The client's own HTTP library keeps doing the gzip encoding; only the transport is ours.
      fetch: endpoint.transport,
      httpConfig: signal ? { signal } : {},
      ...(baseUrl !== undefined ? { baseServer: new client.BaseServerConfiguration(baseUrl, {}) } : {}),
    });
    if (baseUrl === undefined) config.setServerVariables({ site });
    return config;
  };
  const api = new v2.MetricsApi(configuration());

  return async (points, signal) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const requestSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      await api.submitMetrics(
        { body: { series: points.map(toSeries) }, contentEncoding: 'gzip' },
        configuration(requestSignal),
      );
      return true;
    } catch (err) {
      if (err instanceof client.ApiException) {
        const status = Number(err.code);
        if (status === 413) return false;
        throw rejectionError(status, scrub(datadogErrors(err.body)), target);
      }
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
  };
}
