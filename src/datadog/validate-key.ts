/**
 * `GET /api/v1/validate` with the API key: 200 `{"valid":true}`, or 403 for a key the site does not
 * know. Used by `collectors doctor` and by the worker at start (a worker with a rejected key would
 * otherwise poll, collect and fail every submission while reporting ready).
 */
import { redact } from '../util/redact';

export type KeyCheck =
  | { readonly status: 'valid'; readonly detail: string }
  /** The site refused the key: no retry helps until the key or the site changes. */
  | { readonly status: 'rejected'; readonly detail: string }
  /** Not known now (Datadog unreachable, an unexpected answer): not the key's fault as far as we know. */
  | { readonly status: 'unknown'; readonly detail: string };

export interface KeyCheckOptions {
  readonly apiKey: string;
  /** API base URL, e.g. `https://api.datadoghq.com`. */
  readonly url: string;
  readonly site: string;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
}

export async function validateDatadogKey(options: KeyCheckOptions): Promise<KeyCheck> {
  const base = redact(options.url);
  let response: Response;
  try {
    response = await options.fetch(`${options.url}/api/v1/validate`, {
      headers: { 'DD-API-KEY': options.apiKey },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (err) {
    return { status: 'unknown', detail: `${base} unreachable: ${(err as Error).message}` };
  }
  await response.body?.cancel();
  if (response.status === 403 || response.status === 401) {
    return {
      status: 'rejected',
      detail:
        `Datadog API key rejected by ${base} (HTTP ${response.status}): set DD_API_KEY (or the secret ` +
        `datadog/api-key) to an API key of the organisation on site ${options.site}, or DD_SITE to its site`,
    };
  }
  if (!response.ok) {
    return { status: 'unknown', detail: `${base}/api/v1/validate answered HTTP ${response.status}` };
  }
  return { status: 'valid', detail: `API key valid at ${base}` };
}
