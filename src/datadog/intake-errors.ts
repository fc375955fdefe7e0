/**
 * What an answer of the intake means for the attempt: a retry may help (408, 429, 5xx), or it cannot
 * and the error says what to fix (400, 401, 403, 404, other 4xx).
 */
import { PermanentError } from '../errors';

/** The intake could not take the points now (408, 429, 5xx, timeout, network): a retry may succeed. */
export class IntakeUnavailableError extends Error {
  override readonly name = 'IntakeUnavailableError';
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The error for an HTTP answer other than success and 413; `detail` is Datadog's text, scrubbed. */
export function rejectionError(status: number, detail: string, target: string): Error {
  if (isRetryable(status)) {
    return new IntakeUnavailableError(
      `Datadog intake at ${target} answered HTTP ${status}: ${detail}`,
      status,
    );
  }
  return new PermanentError(`Datadog rejected the metrics with HTTP ${status}: ${detail}`, fixFor(status));
}

function isRetryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500 || status < 400;
}

function fixFor(status: number): string {
  if (status === 401 || status === 403) return 'check DD_API_KEY / the datadog/api-key secret and DD_SITE';
  if (status === 400) return 'a point has an invalid metric name, tag or value; check the metric catalog';
  if (status === 404) return 'check DD_SITE and DD_URL: they must point at a Datadog API host';
  return 'check DD_SITE, DD_URL and any proxy between the worker and Datadog';
}

/**
 * Datadog's own error text. The client parses `{"errors": [...]}` for the statuses its spec lists
 * and wraps any other body as the string `Unknown API Status Code!\nBody: "<text>"`.
 */
export function datadogErrors(body: unknown): string {
  let value = body;
  if (typeof value === 'string') {
    const wrapped = /Body: "([\s\S]*)"$/.exec(value);
    const text = wrapped ? wrapped[1]! : value;
    try {
      value = JSON.parse(text);
    } catch {
      return text.trim().slice(0, 300) || 'no error text';
    }
  }
  if (value && typeof value === 'object' && 'errors' in value && Array.isArray(value.errors)) {
    const errors = value.errors.map(String).join('; ');
    return errors || 'no error text';
  }
  return JSON.stringify(value ?? null).slice(0, 300);
}
