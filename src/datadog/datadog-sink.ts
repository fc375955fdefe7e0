/**
 * The real sink: `POST /api/v2/series` through @datadog/datadog-api-client, gzip-encoded, in
 * deterministic chunks. Temporal is the only retry layer (DESIGN §3): the client never retries, each
 * request has a timeout, and a failure ends the attempt with an error that says whether a retry can
 * help. The API key goes in a header only and never into a message or a log line.
 *
 * Requests go through the global `fetch` (not the client's bundled node-fetch), so they take the same
 * path as every other outbound call, HTTPS_PROXY / NO_PROXY included (src/util/http-proxy.ts).
 */
import { client, logger as clientLogger, v2 } from '@datadog/datadog-api-client';
import type { DataPoint } from '../catalog/model';
import { PermanentError } from '../collectors/errors';
import { throttledLogger, type Logger } from '../log';
import { redact } from '../secrets/redact';
import { chunkPoints, toSeries } from './chunk';
import { validateDatadogKey } from './validate-key';
import type { Sink, SubmitOptions, SubmitResult } from './types';

export interface DatadogSinkOptions {
  apiKey: string;
  /** Datadog site (DD_SITE), e.g. `datadoghq.eu`. */
  site?: string;
  /** Base URL override (DD_URL), e.g. a proxy or a local fake intake; wins over `site`. */
  url?: string;
  requestTimeoutMs?: number;
  /** Datadog takes at most 512,000 bytes compressed; the default keeps a margin. */
  maxCompressedBytes?: number;
  /** Datadog takes at most 5,242,880 bytes decompressed; the default keeps a margin. */
  maxRawBytes?: number;
  log: Logger;
  /** Clock in ms, for tests. */
  now?: () => number;
  /** The HTTP transport; the global fetch by default. */
  fetch?: typeof fetch;
}

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

/** Counters of one submission, shared by the recursive 413 splitting. */
interface Progress {
  submitted: number;
  payloads: number;
}

export function createDatadogSink(options: DatadogSinkOptions): Sink {
  if (!options.apiKey) {
    throw new PermanentError('The Datadog API key is empty', 'set DD_API_KEY or the datadog/api-key secret');
  }
  const log = options.log;
  const now = options.now ?? Date.now;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const limits = {
    maxCompressedBytes: options.maxCompressedBytes ?? 500 * 1000,
    maxRawBytes: options.maxRawBytes ?? 5 * 1000 * 1000,
  };
  const site = options.site ?? 'datadoghq.com';
  const baseUrl = options.url?.replace(/\/+$/, '');
  if (baseUrl !== undefined && !URL.canParse(baseUrl)) {
    throw new PermanentError(
      `DD_URL is not a valid URL (${redact(baseUrl)})`,
      'set DD_URL to e.g. https://host:port',
    );
  }
  const target = redact(baseUrl ?? `https://api.${site}`);
  const scrub = (text: string) => redact(text.split(options.apiKey).join('***'));
  routeClientLog(log, scrub);
  // Looked up per request, so a dispatcher installed after the sink is created still applies.
  const transport: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));

  // The client reads the request signal from the configuration, not from the call: each request
  // gets its own configuration (passed as the call's `options`) carrying its timeout signal.
  const configuration = (signal?: AbortSignal): client.Configuration => {
    const config = client.createConfiguration({
      authMethods: { apiKeyAuth: options.apiKey },
      enableRetry: false,
      // The client's own HTTP library keeps doing the gzip encoding; only the transport is ours.
      fetch: transport,
      httpConfig: signal ? { signal } : {},
      ...(baseUrl !== undefined ? { baseServer: new client.BaseServerConfiguration(baseUrl, {}) } : {}),
    });
    if (baseUrl === undefined) config.setServerVariables({ site });
    return config;
  };
  const api = new v2.MetricsApi(configuration());

  /** Sends one payload: true when accepted, false on 413; throws on anything else. */
  const post = async (points: readonly DataPoint[], signal?: AbortSignal): Promise<boolean> => {
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
        const detail = scrub(datadogErrors(err.body));
        if (isRetryable(status)) {
          throw new IntakeUnavailableError(
            `Datadog intake at ${target} answered HTTP ${status}: ${detail}`,
            status,
          );
        }
        throw new PermanentError(
          `Datadog rejected the metrics with HTTP ${status}: ${detail}`,
          fixFor(status),
        );
      }
      if (signal?.aborted) throw signal.reason ?? err;
      if (timeout.aborted) {
        throw new IntakeUnavailableError(
          `Datadog intake at ${target} did not answer within ${timeoutMs} ms`,
          undefined,
          {
            cause: err,
          },
        );
      }
      if (isNetworkError(err)) {
        throw new IntakeUnavailableError(
          `Datadog intake at ${target} is unreachable: ${scrub(networkErrorText(err))}`,
          undefined,
          {
            cause: err,
          },
        );
      }
      throw err;
    }
  };

  /** Sends points[start, end); a 413 means our chunking was wrong: split in halves and resend. */
  const sendRange = async (
    points: readonly DataPoint[],
    start: number,
    end: number,
    progress: Progress,
    signal?: AbortSignal,
  ): Promise<void> => {
    if (await post(points.slice(start, end), signal)) {
      progress.submitted += end - start;
      progress.payloads++;
      return;
    }
    if (end - start === 1) {
      throw new PermanentError(
        `Datadog answered 413 (payload too large) to a single series (${points[start]!.metric})`,
        'the series has too many or too long tags',
      );
    }
    log.warn('Datadog answered 413 (payload too large); splitting the payload in halves', {
      points: end - start,
    });
    const mid = start + Math.ceil((end - start) / 2);
    await sendRange(points, start, mid, progress, signal);
    await sendRange(points, mid, end, progress, signal);
  };

  const submit = async (points: readonly DataPoint[], opts: SubmitOptions): Promise<SubmitResult> => {
    const chunks = chunkPoints(points, limits);
    const skip = Math.min(opts.skipChunks ?? 0, chunks.length);
    // Skipped chunks were accepted by an earlier attempt: count them so the result covers every point.
    const progress: Progress = { submitted: chunks[skip]?.start ?? points.length, payloads: skip };
    for (let i = skip; i < chunks.length; i++) {
      const chunk = chunks[i]!;
      try {
        await sendRange(points, chunk.start, chunk.end, progress, opts.signal);
      } catch (err) {
        if (err instanceof IntakeUnavailableError && now() >= opts.deadline.getTime()) {
          const dropped = points.length - progress.submitted;
          log.warn('Datadog intake unavailable past the submission deadline; dropping the unsent points', {
            dropped,
            submitted: progress.submitted,
            deadline: opts.deadline.toISOString(),
            error: err.message,
          });
          return { submitted: progress.submitted, dropped, payloads: progress.payloads };
        }
        if (err instanceof IntakeUnavailableError) {
          log.warn('Datadog intake unavailable; the attempt ends and will be retried', {
            chunk: i,
            chunks: chunks.length,
            status: err.status,
            error: err.message,
          });
        }
        throw err;
      }
      log.debug('Datadog accepted a chunk', {
        chunk: i,
        chunks: chunks.length,
        points: chunk.end - chunk.start,
        rawBytes: chunk.rawBytes,
      });
      opts.onProgress?.(i + 1);
    }
    if (points.length > 0) {
      log.info('Submitted points to Datadog', {
        target,
        submitted: progress.submitted,
        payloads: progress.payloads,
        skippedChunks: skip,
      });
    }
    return { submitted: progress.submitted, dropped: 0, payloads: progress.payloads };
  };

  const checkCredentials = () =>
    validateDatadogKey({
      apiKey: options.apiKey,
      url: baseUrl ?? `https://api.${site}`,
      site,
      fetch: transport,
      timeoutMs: Math.min(timeoutMs, 10_000),
    });

  return { kind: 'datadog', submit, checkCredentials };
}

/**
 * The client's own logger (loglevel) prints a raw stack trace on stderr for every failed request,
 * and every request's headers (the API key among them) at debug when DEBUG is set. Its lines go to
 * ours instead, at debug, scrubbed and throttled: the sink's own messages already say what failed.
 */
function routeClientLog(log: Logger, scrub: (text: string) => string): void {
  // A loglevel logger, which the client types as `any`.
  const clientLog = clientLogger as {
    methodFactory: () => (...args: unknown[]) => void;
    setLevel(level: 'debug'): void;
  };
  const quiet = throttledLogger(log.child({ component: 'datadog-client' }));
  clientLog.methodFactory =
    () =>
    (...args: unknown[]) =>
      quiet.debug(
        scrub(
          args
            .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a)))
            .join(' ')
            .trim(),
        ),
      );
  clientLog.setLevel('debug');
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
function datadogErrors(body: unknown): string {
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

/**
 * Errors of the HTTP layer, as opposed to bugs: fetch's `TypeError: fetch failed` (its cause says
 * what happened), node-fetch's FetchError, socket errors. Checked by shape, not `instanceof`: fetch's
 * errors may come from another realm (as under jest).
 */
function isNetworkError(err: unknown): err is Error {
  if (!isErrorLike(err)) return false;
  return (
    (err.name === 'TypeError' && err.message === 'fetch failed') ||
    err.name === 'FetchError' ||
    err.name === 'AbortError' ||
    typeof (err as { code?: unknown }).code === 'string'
  );
}

function isErrorLike(value: unknown): value is Error {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Error).name === 'string' &&
    typeof (value as Error).message === 'string'
  );
}

/** fetch says only "fetch failed"; its cause has the socket error (e.g. `connect ECONNREFUSED …`). */
function networkErrorText(err: Error): string {
  const cause = err.cause;
  if (err.message !== 'fetch failed' || !isErrorLike(cause)) return err.message;
  // An AggregateError (one error per address tried) has an empty message; its errors say it.
  const errors = (cause as { errors?: unknown }).errors;
  const inner: unknown[] = Array.isArray(errors) ? errors : [cause];
  const texts = inner.map((e) => (isErrorLike(e) ? e.message : String(e))).filter(Boolean);
  return `${err.message}: ${texts.join('; ') || cause.name}`;
}
