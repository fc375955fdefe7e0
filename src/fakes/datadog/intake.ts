/**
 * A loopback fake of Datadog's metrics intake, for tests of anything that submits metrics (the sink,
 * activities, workflows, outage scenarios). It is a real HTTP server on 127.0.0.1 and a free port
 * and speaks the real protocol, so the real client talks to it through its base URL (DD_URL):
 *
 * - `POST /api/v2/series` with header `DD-API-KEY`; `Content-Encoding` gzip, deflate or none.
 *   403 `{"errors":["Forbidden"]}` for a wrong key; 413 when the body on the wire is over
 *   `maxCompressedBytes` or decodes to more than `maxRawBytes`; 400 `{"errors":[...]}` for invalid
 *   JSON or a series without `metric` / `points`; 202 `{"errors":[]}` when accepted.
 * - `GET /api/v1/validate` → 200 `{"valid":true}` with the right key, else 403.
 *
 * Failure injection: `respondWith([503, 'hang', ...])` forces the next POSTs' answers (a status, or
 * `'hang'`: read the request and never answer), then normal behaviour resumes; `setDown(true)` answers
 * 503 to every POST until `setDown(false)`. Forced answers come first, then the outage, then the
 * key check, then the payload checks.
 *
 * ```ts
 * const intake = await startFakeIntake();
 * const sink = createDatadogSink({ apiKey: intake.apiKey, url: intake.url, log });
 * // ... intake.series holds every accepted series, in order
 * await intake.close();
 * ```
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { serveOnLoopback } from './serve';

/** Datadog's documented limits for one payload. */
export const INTAKE_MAX_COMPRESSED_BYTES = 512_000;
export const INTAKE_MAX_RAW_BYTES = 5_242_880;

/** A series as the intake received it (wire field names). */
export interface IntakeSeries {
  metric: string;
  type?: number;
  points: { timestamp: number; value: number }[];
  tags?: string[];
  unit?: string;
  interval?: number;
  resources?: { name: string; type: string }[];
  [field: string]: unknown;
}

export interface IntakeRequest {
  method: string;
  path: string;
  /** The status answered; 0 while unanswered (a forced `'hang'`). */
  status: number;
  /** `Content-Encoding` as sent (`none` when absent). */
  encoding: string;
  /** Bytes of the body on the wire. */
  compressedBytes: number;
  /** Bytes after decoding (0 when the body was not decoded). */
  rawBytes: number;
}

/** A forced answer: an HTTP status, or `'hang'` (never answer; the client must time out). */
export type ForcedResponse = number | 'hang';

export interface FakeIntakeOptions {
  /** The valid API key; a fixed test value by default. */
  apiKey?: string;
  maxCompressedBytes?: number;
  maxRawBytes?: number;
  /** Called with each accepted payload's series and when it arrived (e.g. to time deliveries). */
  onAccepted?: (series: readonly IntakeSeries[], arrivedMs: number) => void;
}

export interface FakeIntake {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly apiKey: string;
  /** Every accepted series, decoded, in the order received. */
  readonly series: IntakeSeries[];
  /** Every request, in order, with the status it got. */
  readonly requests: IntakeRequest[];
  /** Forces the answers of the next POSTs, in order; later POSTs behave normally. */
  respondWith(responses: ForcedResponse[]): void;
  /** While down, every POST gets 503. */
  setDown(down: boolean): void;
  /** Stops the server, dropping open (and hanging) connections. Closing twice is harmless. */
  close(): Promise<void>;
}

export async function startFakeIntake(options: FakeIntakeOptions = {}): Promise<FakeIntake> {
  const apiKey = options.apiKey ?? 'fake-dd-api-key-0123456789abcdef';
  const maxCompressedBytes = options.maxCompressedBytes ?? INTAKE_MAX_COMPRESSED_BYTES;
  const maxRawBytes = options.maxRawBytes ?? INTAKE_MAX_RAW_BYTES;
  const series: IntakeSeries[] = [];
  const requests: IntakeRequest[] = [];
  const forced: ForcedResponse[] = [];
  let down = false;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const path = (req.url ?? '/').split('?')[0]!;
    const encoding = headerValue(req, 'content-encoding') ?? 'none';
    const record: IntakeRequest = {
      method: req.method ?? 'GET',
      path,
      status: 0,
      encoding,
      compressedBytes: body.length,
      rawBytes: 0,
    };
    requests.push(record);
    const reply = (status: number, payload: unknown) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    const keyOk = headerValue(req, 'dd-api-key') === apiKey;

    if (req.method === 'GET' && path === '/api/v1/validate') {
      return keyOk ? reply(200, { valid: true }) : reply(403, { errors: ['Forbidden'] });
    }
    if (req.method !== 'POST' || path !== '/api/v2/series') {
      return reply(404, { errors: ['Not found'] });
    }
    const next = forced.shift();
    if (next === 'hang') return; // the socket stays open until the client gives up or close()
    if (next !== undefined) return reply(next, { errors: [`fake intake: forced ${next}`] });
    if (down) return reply(503, { errors: ['fake intake: service unavailable'] });
    if (!keyOk) return reply(403, { errors: ['Forbidden'] });
    if (body.length > maxCompressedBytes) {
      return reply(413, { errors: [`Payload too large: ${body.length} > ${maxCompressedBytes} bytes`] });
    }
    let raw: Buffer;
    try {
      raw = decode(body, encoding, maxRawBytes);
    } catch (err) {
      if (err instanceof PayloadError) return reply(err.status, { errors: [err.message] });
      throw err;
    }
    record.rawBytes = raw.length;
    const parsed = parseSeries(raw.toString('utf8'));
    if (typeof parsed === 'string') return reply(400, { errors: [parsed] });
    series.push(...parsed);
    options.onAccepted?.(parsed, Date.now());
    return reply(202, { errors: [] });
  };

  const { port, close } = await serveOnLoopback(handle);

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    series,
    requests,
    respondWith: (responses) => void forced.push(...responses),
    setDown: (value) => void (down = value),
    close,
  };
}

class PayloadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function decode(body: Buffer, encoding: string, maxRawBytes: number): Buffer {
  const tooLarge = () => new PayloadError(413, `Payload too large: decompressed over ${maxRawBytes} bytes`);
  const inflate = (fn: typeof gunzipSync) => {
    try {
      return fn(body, { maxOutputLength: maxRawBytes + 1 });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw new PayloadError(400, `Invalid ${encoding} body`);
    }
  };
  let raw: Buffer;
  if (encoding === 'gzip') raw = inflate(gunzipSync);
  else if (encoding === 'deflate') raw = inflate(inflateSync);
  else if (encoding === 'none' || encoding === 'identity') raw = body;
  else throw new PayloadError(415, `Unsupported Content-Encoding: ${encoding}`);
  if (raw.length > maxRawBytes) throw tooLarge();
  return raw;
}

/** The series of a valid payload, or the error text Datadog would answer with 400. */
function parseSeries(text: string): IntakeSeries[] | string {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return 'Invalid JSON';
  }
  if (!isObject(payload) || !Array.isArray(payload.series)) return 'Payload must have a series array';
  const out: IntakeSeries[] = [];
  for (const [i, s] of (payload.series as unknown[]).entries()) {
    if (!isObject(s) || typeof s.metric !== 'string' || s.metric === '') {
      return `series[${i}]: metric is required`;
    }
    if (!Array.isArray(s.points) || s.points.length === 0) return `series[${i}]: points is required`;
    for (const [j, p] of (s.points as unknown[]).entries()) {
      if (!isObject(p) || typeof p.timestamp !== 'number' || typeof p.value !== 'number') {
        return `series[${i}].points[${j}]: timestamp and value must be numbers`;
      }
    }
    out.push(s as IntakeSeries);
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
