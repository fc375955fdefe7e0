/**
 * The real sink: `POST /api/v2/series`, gzip-encoded, in deterministic chunks (post-payload.ts).
 * Temporal is the only retry layer (docs/design.md#failures): nothing here retries, each request has
 * a timeout, and a failure ends the attempt with an error that says whether a retry can help. The
 * API key goes in a header only and never into a message or a log line.
 *
 * Requests go through the global `fetch`, so they take the same path as every other outbound call,
 * HTTPS_PROXY / NO_PROXY included (src/util/http-proxy.ts).
 */
import { PermanentError } from '../errors';
import type { Logger } from '../log';
import { redact } from '../util/redact';
import { payloadPoster } from './post-payload';
import { submitInChunks } from './submit-chunks';
import { validateDatadogKey } from './validate-key';
import type { Sink } from './types';

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

export function createDatadogSink(options: DatadogSinkOptions): Sink {
  if (!options.apiKey) {
    throw new PermanentError('The Datadog API key is empty', 'set DD_API_KEY or the datadog/api-key secret');
  }
  const log = options.log;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
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
  // Looked up per request, so a dispatcher installed after the sink is created still applies.
  const transport: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const poster = payloadPoster({
    apiKey: options.apiKey,
    site,
    baseUrl,
    target,
    timeoutMs,
    transport,
    scrub,
  });
  const sender = {
    post: poster,
    limits: {
      maxCompressedBytes: options.maxCompressedBytes ?? 500 * 1000,
      maxRawBytes: options.maxRawBytes ?? 5 * 1000 * 1000,
    },
    log,
    now: options.now ?? Date.now,
    target,
  };

  return {
    kind: 'datadog',
    submit: (points, opts) => submitInChunks(sender, points, opts),
    checkCredentials: () =>
      validateDatadogKey({
        apiKey: options.apiKey,
        url: baseUrl ?? `https://api.${site}`,
        site,
        fetch: transport,
        timeoutMs: Math.min(timeoutMs, 10_000),
      }),
  };
}
