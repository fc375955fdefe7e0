/**
 * A loopback fake of Datadog's API for dashboards, monitors and metric metadata (v1), for tests of
 * anything that sets them up. It is a real HTTP server on 127.0.0.1 and a free port and speaks the
 * real protocol, so the real client (@datadog/datadog-api-client's v1 DashboardsApi, MonitorsApi,
 * MetricsApi) talks to it through its base URL: `baseServer: new client.BaseServerConfiguration(url, {})`,
 * or `serverIndex: 1` (`{protocol}://{name}`) and `setServerVariables(serverVariables)`.
 *
 * - Every request needs both keys, `DD-API-KEY` and `DD-APPLICATION-KEY`: 403 `{"errors":["Forbidden"]}`
 *   when either is missing or wrong (Datadog answers a wrong application key the same way);
 *   `GET /api/v1/validate` checks the API key only, as Datadog's does.
 * - Dashboards: `POST /api/v1/dashboard` (an id `abc-def-ghi`, `url`, `created_at`, widget ids),
 *   `GET|PUT|DELETE /api/v1/dashboard/{id}` (PUT replaces; DELETE answers `{"deleted_dashboard_id"}`
 *   and keeps the dashboard as deleted), `GET /api/v1/dashboard` (`{"dashboards":[summaries]}`;
 *   `filter[shared]`, `filter[deleted]`, `start`, `count`).
 * - Monitors: `POST /api/v1/monitor`, `GET|PUT|DELETE /api/v1/monitor/{id}` (PUT keeps what it does
 *   not name; DELETE answers `{"deleted_monitor_id"}`), `GET /api/v1/monitor` (`monitor_tags`, all of
 *   which a monitor must carry, `tags`, `name`, `id_offset`, `page`, `page_size`, `group_states`).
 * - Metric metadata: `GET|PUT /api/v1/metrics/{metric_name}` for the metrics that exist (`metrics`,
 *   `addMetrics`); another is 404 `{"errors":["metric_name not found"]}` on GET, 400 on PUT.
 * - Refusals are Datadog's `{"errors":["..."]}` (details in api-objects.ts).
 *
 * Failure injection, before anything else: `respondWith([503, 'hang', ...])` and `rateLimit(n)`
 * queue the next requests' answers, in order (a status, `'hang'`: read the request and never answer,
 * or 429 `{"errors":["Rate limit exceeded"]}` with `X-RateLimit-Limit`, `-Period`, `-Remaining`,
 * `-Reset`, which the client's retry waits); then normal behaviour resumes.
 * `failWritesAfter(n)` lets n more writes (POST, PUT, DELETE) succeed (a refused one does not count),
 * then fails every write with 500 (or the status given) until `resumeWrites()`; reads still answer.
 * With `applied: true` the failing writes still take effect, as when a write's answer is lost.
 *
 * ```ts
 * const api = await startFakeDatadogApi({ metrics: ['github.prs.open'] });
 * const config = client.createConfiguration({
 *   authMethods: { apiKeyAuth: api.apiKey, appKeyAuth: api.appKey },
 *   baseServer: new client.BaseServerConfiguration(api.url, {}),
 * });
 * await new v1.MonitorsApi(config).createMonitor({ body });
 * // ... api.monitors, api.dashboards, api.metricMetadata hold what was stored; api.requests every request
 * await api.close();
 * ```
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApiError, type MetricMetadata, type StoredDashboard, type StoredMonitor } from './api-common';
import { Dashboards } from './api-dashboards';
import { MetricMetadataStore } from './api-metadata';
import { Monitors } from './api-monitors';
import { serveOnLoopback } from './serve';

export type { MetricMetadata, StoredDashboard, StoredMonitor } from './api-common';

export interface ApiRequest {
  method: string;
  path: string;
  /** The query parameters, decoded (`filter[deleted]`, `monitor_tags`, ...). */
  query: Record<string, string>;
  /** The parsed JSON body of a POST or PUT. */
  body?: unknown;
  /** The status answered; 0 while unanswered (a forced `'hang'`). */
  status: number;
}

/** A forced answer: an HTTP status, or `'hang'` (never answer; the client must time out). */
export type ForcedResponse = number | 'hang';

/** The rate-limit headers of a 429, as numbers (Datadog's meaning: requests per period, seconds). */
export interface RateLimit {
  /** Requests allowed per period. */
  limit: number;
  /** The period, in seconds. */
  period: number;
  remaining: number;
  /** Seconds until the period resets (the client's retry waits this long). */
  reset: number;
  /** `X-RateLimit-Name`, the limit's name (e.g. `get_all_monitors`), when given. */
  name?: string;
}

export interface WriteFailure {
  /** The status of the failing writes; 500 by default. */
  status?: number;
  /** The failing writes still take effect (the answer is lost, not the write). */
  applied?: boolean;
}

export interface FakeDatadogApiOptions {
  /** The valid keys; fixed test values by default (the API key is the fake intake's). */
  apiKey?: string;
  appKey?: string;
  /** Names of the metrics that exist, whose metadata can be read and edited. */
  metrics?: Iterable<string>;
  /** The fake's clock, for created and modified times. */
  now?: () => number;
  /** The application key's user: dashboards' `author_handle`, monitors' `creator`. */
  userHandle?: string;
}

export interface FakeDatadogApi {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  /** The client's server variables for `serverIndex: 1` (`{protocol}://{name}`). */
  readonly serverVariables: { readonly protocol: string; readonly name: string };
  readonly apiKey: string;
  readonly appKey: string;
  /** Every request, in order, with the status it got. */
  readonly requests: ApiRequest[];
  /** Every dashboard by id, deleted ones too (with `deleted_at`). */
  readonly dashboards: ReadonlyMap<string, StoredDashboard>;
  readonly monitors: ReadonlyMap<number, StoredMonitor>;
  /** The metadata of every metric that exists, by name. */
  readonly metricMetadata: ReadonlyMap<string, MetricMetadata>;
  /** Makes metrics exist (as their first points would), optionally with metadata. */
  addMetrics(names: Iterable<string>, metadata?: Partial<MetricMetadata>): void;
  /** Forces the answers of the next requests, in order; later requests behave normally. */
  respondWith(responses: ForcedResponse[]): void;
  /** The next `count` requests get 429 with rate-limit headers (defaults: 1000 per 10 s, reset in 1 s). */
  rateLimit(count: number, headers?: Partial<RateLimit>): void;
  /** `successes` more writes succeed, then every write fails until `resumeWrites()`. */
  failWritesAfter(successes: number, failure?: WriteFailure): void;
  resumeWrites(): void;
  /** Stops the server, dropping open (and hanging) connections. Closing twice is harmless. */
  close(): Promise<void>;
}

interface Objects {
  readonly dashboards: Dashboards;
  readonly monitors: Monitors;
  readonly metadata: MetricMetadataStore;
}

interface Route {
  readonly method: string;
  readonly path: RegExp;
  readonly write?: boolean;
  readonly run: (o: Objects, id: string, body: unknown, query: Record<string, string>) => unknown;
}

const DASHBOARD = /^\/api\/v1\/dashboard\/([^/]+)$/;
const MONITOR = /^\/api\/v1\/monitor\/([^/]+)$/;
const METRIC = /^\/api\/v1\/metrics\/([^/]+)$/;

const ROUTES: readonly Route[] = [
  { method: 'GET', path: /^\/api\/v1\/dashboard$/, run: (o, _, __, q) => o.dashboards.list(q) },
  { method: 'POST', path: /^\/api\/v1\/dashboard$/, write: true, run: (o, _, b) => o.dashboards.create(b) },
  { method: 'GET', path: DASHBOARD, run: (o, id) => o.dashboards.get(id) },
  { method: 'PUT', path: DASHBOARD, write: true, run: (o, id, b) => o.dashboards.update(id, b) },
  { method: 'DELETE', path: DASHBOARD, write: true, run: (o, id) => o.dashboards.delete(id) },
  { method: 'GET', path: /^\/api\/v1\/monitor$/, run: (o, _, __, q) => o.monitors.list(q) },
  { method: 'POST', path: /^\/api\/v1\/monitor$/, write: true, run: (o, _, b) => o.monitors.create(b) },
  { method: 'GET', path: MONITOR, run: (o, id) => o.monitors.get(id) },
  { method: 'PUT', path: MONITOR, write: true, run: (o, id, b) => o.monitors.update(id, b) },
  { method: 'DELETE', path: MONITOR, write: true, run: (o, id) => o.monitors.delete(id) },
  { method: 'GET', path: METRIC, run: (o, name) => o.metadata.get(name) },
  { method: 'PUT', path: METRIC, write: true, run: (o, name, b) => o.metadata.update(name, b) },
];

const FORBIDDEN = { errors: ['Forbidden'] };
const RATE_LIMIT_DEFAULTS: RateLimit = { limit: 1000, period: 10, remaining: 0, reset: 1 };

type Forced = ForcedResponse | { readonly rateLimit: RateLimit };

export async function startFakeDatadogApi(options: FakeDatadogApiOptions = {}): Promise<FakeDatadogApi> {
  const apiKey = options.apiKey ?? 'fake-dd-api-key-0123456789abcdef';
  const appKey = options.appKey ?? 'fake-dd-app-key-0123456789abcdef0123456789';
  const context = {
    now: options.now ?? Date.now,
    userHandle: options.userHandle ?? 'collectors@example.com',
  };
  const objects: Objects = {
    dashboards: new Dashboards(context),
    monitors: new Monitors(context),
    metadata: new MetricMetadataStore(),
  };
  for (const name of options.metrics ?? []) objects.metadata.add(name);
  const requests: ApiRequest[] = [];
  const forced: Forced[] = [];
  let writesLeft: number | undefined;
  let writeFailure: Required<WriteFailure> = { status: 500, applied: false };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = (await readBody(req)).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const record: ApiRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
    };
    requests.push(record);
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
    };

    const next = forced.shift();
    if (next === 'hang') return; // the socket stays open until the client gives up or close()
    if (typeof next === 'number') return reply(next, { errors: [`fake Datadog API: forced ${next}`] });
    if (next !== undefined) {
      return reply(429, { errors: ['Rate limit exceeded'] }, rateLimitHeaders(next.rateLimit));
    }

    const apiKeyOk = headerValue(req, 'dd-api-key') === apiKey;
    if (method === 'GET' && url.pathname === '/api/v1/validate') {
      return apiKeyOk ? reply(200, { valid: true }) : reply(403, FORBIDDEN);
    }
    if (!apiKeyOk || headerValue(req, 'dd-application-key') !== appKey) return reply(403, FORBIDDEN);

    const matches = ROUTES.filter((r) => r.path.test(url.pathname));
    const route = matches.find((r) => r.method === method);
    if (!route) {
      return matches.length > 0
        ? reply(405, { errors: ['Method Not Allowed'] })
        : reply(404, { errors: ['Not found'] });
    }
    const id = decoded(route.path.exec(url.pathname)![1] ?? '');
    if (id === undefined) return reply(404, { errors: ['Not found'] });
    if (method === 'POST' || method === 'PUT') {
      try {
        record.body = JSON.parse(text);
      } catch {
        return reply(400, { errors: ['Invalid JSON'] });
      }
    }

    const failing = route.write === true && writesLeft !== undefined && writesLeft <= 0;
    const failed = () =>
      reply(writeFailure.status, {
        errors: [`fake Datadog API: ${STATUS_CODES[writeFailure.status] ?? 'failed'} (writes failing)`],
      });
    if (failing && !writeFailure.applied) return failed();
    let result: unknown;
    try {
      result = route.run(objects, id, record.body, record.query);
    } catch (err) {
      if (err instanceof ApiError) return reply(err.status, { errors: [err.message] });
      throw err;
    }
    if (failing) return failed();
    if (route.write === true && writesLeft !== undefined) writesLeft -= 1;
    return reply(200, result);
  };

  const { port, close } = await serveOnLoopback(handle);

  return {
    url: `http://127.0.0.1:${port}`,
    serverVariables: { protocol: 'http', name: `127.0.0.1:${port}` },
    apiKey,
    appKey,
    requests,
    dashboards: objects.dashboards.all,
    monitors: objects.monitors.all,
    metricMetadata: objects.metadata.all,
    addMetrics: (names, metadata) => {
      for (const name of names) objects.metadata.add(name, metadata);
    },
    respondWith: (responses) => void forced.push(...responses),
    rateLimit: (count, headers = {}) => {
      const rateLimit = { ...RATE_LIMIT_DEFAULTS, ...headers };
      for (let i = 0; i < count; i++) forced.push({ rateLimit });
    },
    failWritesAfter: (successes, failure = {}) => {
      writesLeft = successes;
      writeFailure = { status: failure.status ?? 500, applied: failure.applied ?? false };
    },
    resumeWrites: () => void (writesLeft = undefined),
    close,
  };
}

function rateLimitHeaders(r: RateLimit): Record<string, string> {
  return {
    'x-ratelimit-limit': String(r.limit),
    'x-ratelimit-period': String(r.period),
    'x-ratelimit-remaining': String(r.remaining),
    'x-ratelimit-reset': String(r.reset),
    ...(r.name !== undefined ? { 'x-ratelimit-name': r.name } : {}),
  };
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
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
