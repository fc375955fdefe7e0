/**
 * A minimal loopback fake of Datadog's metrics intake for the ops bench (a copy of the test suite's
 * fake, reduced to what the bench needs; scripts may not import from test/). `POST /api/v2/series`
 * (gzip, deflate or plain JSON, `DD-API-KEY` checked) answers 202 and records, for each series and
 * timestamp, when it first arrived, how often it arrived and its value; `setDown(true)` answers 503
 * to every POST until `setDown(false)`. `GET /api/v1/validate` answers as Datadog does.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, inflateSync } from 'node:zlib';

/** A series at one timestamp, as the intake saw it. */
export interface Arrival {
  /** `Date.now()` when it first arrived. */
  readonly firstMs: number;
  /** Times it arrived (a retried submission may send it again: Datadog keeps the last value). */
  count: number;
  /** The last value received. */
  value: number;
  /** True when two arrivals carried different values (never expected). */
  conflicting: boolean;
}

/** A point as it arrived, kept for the health series (few, and read in full). */
export interface ArrivedPoint {
  readonly metric: string;
  readonly tags: readonly string[];
  readonly timestamp: number;
  readonly value: number;
  readonly arrivedMs: number;
}

export interface OpsIntake {
  readonly url: string;
  readonly apiKey: string;
  /** By `seriesKey(metric, tags, timestamp)`. */
  readonly arrivals: ReadonlyMap<string, Arrival>;
  /** Every point of a `collector.*` series (the health metrics), in order. */
  readonly health: readonly ArrivedPoint[];
  /** POSTs by the status they were answered with. */
  readonly posts: Readonly<Record<number, number>>;
  setDown(down: boolean): void;
  close(): Promise<void>;
}

/** The identity of a series at a timestamp: the metric, its tags (any order) and the timestamp. */
export function seriesKey(metric: string, tags: readonly string[], timestamp: number): string {
  return `${timestamp}|${metric}|${[...tags].sort().join(',')}`;
}

export async function startOpsIntake(apiKey = 'ops-bench-dd-api-key-0123456789'): Promise<OpsIntake> {
  const arrivals = new Map<string, Arrival>();
  const health: ArrivedPoint[] = [];
  const posts: Record<number, number> = {};
  let down = false;

  const accept = (body: unknown, now: number): string | undefined => {
    const series = (body as { series?: unknown })?.series;
    if (!Array.isArray(series)) return 'Payload must have a series array';
    for (const s of series as { metric?: unknown; tags?: unknown; points?: unknown }[]) {
      if (typeof s?.metric !== 'string' || !Array.isArray(s.points)) return 'metric and points are required';
      const tags = Array.isArray(s.tags) ? s.tags.map(String) : [];
      for (const p of s.points as { timestamp?: unknown; value?: unknown }[]) {
        if (typeof p?.timestamp !== 'number' || typeof p.value !== 'number') return 'bad point';
        if (s.metric.startsWith('collector.')) {
          health.push({ metric: s.metric, tags, timestamp: p.timestamp, value: p.value, arrivedMs: now });
        }
        const key = seriesKey(s.metric, tags, p.timestamp);
        const seen = arrivals.get(key);
        if (!seen) arrivals.set(key, { firstMs: now, count: 1, value: p.value, conflicting: false });
        else {
          seen.count++;
          seen.conflicting ||= seen.value !== p.value;
          seen.value = p.value;
        }
      }
    }
    return undefined;
  };

  const handle = async (req: IncomingMessage): Promise<[number, unknown]> => {
    const body = await readBody(req);
    const path = (req.url ?? '/').split('?')[0];
    const keyOk = req.headers['dd-api-key'] === apiKey;
    if (req.method === 'GET' && path === '/api/v1/validate') {
      return keyOk ? [200, { valid: true }] : [403, { errors: ['Forbidden'] }];
    }
    if (req.method !== 'POST' || path !== '/api/v2/series') return [404, { errors: ['Not found'] }];
    if (down) return [503, { errors: ['ops bench intake: down'] }];
    if (!keyOk) return [403, { errors: ['Forbidden'] }];
    let parsed: unknown;
    try {
      const encoding = req.headers['content-encoding'] ?? 'none';
      const raw = encoding === 'gzip' ? gunzipSync(body) : encoding === 'deflate' ? inflateSync(body) : body;
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return [400, { errors: ['Invalid body'] }];
    }
    const error = accept(parsed, Date.now());
    return error ? [400, { errors: [error] }] : [202, { errors: [] }];
  };

  const server = createServer((req, res) => {
    handle(req).then(
      ([status, payload]) => {
        if (req.method === 'POST') posts[status] = (posts[status] ?? 0) + 1;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      },
      (err: unknown) => res.writeHead(500).end(JSON.stringify({ errors: [String(err)] })),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    arrivals,
    health,
    posts,
    setDown: (value) => void (down = value),
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
