/**
 * A loopback fake of the SkyPilot API server (the REST interface of skypilot 0.14.1, checked against
 * sky/server/server.py, sky/jobs/server/server.py and the files cited in routes.ts, queue.ts and
 * records.ts). Real HTTP on 127.0.0.1 and a free port:
 *
 * - `POST /jobs/queue/v2`, `/jobs/queue`, `/status`, `/api/cancel` answer `null` with the request id
 *   in `X-Skypilot-Request-ID` (or `X-Request-ID`, as older servers did); `GET /api/get?request_id=`
 *   blocks until the request ends; `GET /api/health`; anything else 404 `{"detail":"Not Found"}`.
 * - Auth: with `token`, `Authorization: Bearer <token>` (or `basicAuth`) is required; a wrong
 *   token gets 401 everywhere, no credentials get 401 except on `/api/health`.
 * - Failure injection: `respondWith([...])` forces the next answers; `hang(path)` makes that
 *   path's requests stay RUNNING until `/api/cancel`; `setControllerUp(false)` → ClusterNotUpError.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateDataset } from './dataset';
import { INVALID, authenticate, readBody } from './http-utils';
import { RequestStore } from './request-store';
import { health, result, schedule, type FakeState, type Reply } from './routes';
import type { FakeDataset } from './types';

export interface FakeSkyPilotOptions {
  dataset?: FakeDataset;
  /** Delay before every answer, like a remote server. */
  latencyMs?: number;
  token?: string;
  basicAuth?: { user: string; password: string };
  controllerUp?: boolean;
  /** A server older than 0.10.3: no `/jobs/queue/v2`. */
  legacyOnly?: boolean;
  /** `/jobs/queue` answers `{jobs, total, …}` as 0.10.0–0.10.2 did, not the bare array of older servers. */
  legacyEnvelope?: boolean;
  /** The id in `X-Request-ID`, as older servers sent it. */
  legacyRequestIdHeader?: boolean;
  /** `/jobs/queue/v2` answers a bare array instead of `{jobs, total, …}`. */
  bareArrayV2?: boolean;
  /** The server's clock, epoch seconds (job_duration of running jobs depends on it). */
  now?: () => number;
}

export interface FakeRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly body: unknown;
  /** 0 while unanswered. */
  status: number;
}

export interface ForcedAnswer {
  readonly status: number;
  readonly path?: string;
  readonly detail?: string;
  /** Seconds, sent as `Retry-After`. */
  readonly retryAfter?: number;
}

export interface FakeSkyPilot {
  readonly url: string;
  readonly requests: FakeRequestRecord[];
  /** Ids received by `/api/cancel`. */
  readonly cancelled: string[];
  /** Forces the next answers (to any path, or to `path`), e.g. `{ status: 503, retryAfter: 2 }`. */
  respondWith(answers: ForcedAnswer[]): void;
  /** Requests to this POST path stay RUNNING until cancelled (`on` false: back to normal). */
  hang(path: string, on?: boolean): void;
  /** Requests to this POST path fail with this exception (undefined: back to normal). */
  fail(path: string, error?: { type: string; message: string }): void;
  setControllerUp(up: boolean): void;
  close(): Promise<void>;
}

export async function startFakeSkyPilot(options: FakeSkyPilotOptions = {}): Promise<FakeSkyPilot> {
  const state: FakeState = {
    dataset: options.dataset ?? generateDataset(),
    store: new RequestStore(),
    now: options.now ?? (() => Date.now() / 1000),
    controllerUp: options.controllerUp ?? true,
    legacyOnly: options.legacyOnly ?? false,
    legacyEnvelope: options.legacyEnvelope ?? false,
    bareArrayV2: options.bareArrayV2 ?? false,
    hanging: new Set(),
    failing: new Map(),
    cancelled: [],
    version: '0.14.1',
    apiVersion: 62,
  };
  const requests: FakeRequestRecord[] = [];
  const forced: ForcedAnswer[] = [];
  const idHeader = options.legacyRequestIdHeader ? 'X-Request-ID' : 'X-Skypilot-Request-ID';

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    const record: FakeRequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      body: raw,
      status: 0,
    };
    requests.push(record);
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const reply = await answer(url, record, req.headers.authorization);
    record.status = reply.status;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (reply.requestId) headers[idHeader] = reply.requestId;
    if (reply.retryAfter) headers['retry-after'] = String(reply.retryAfter);
    if (!res.destroyed) res.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
  };

  const answer = async (url: URL, record: FakeRequestRecord, auth: string | undefined): Promise<Reply> => {
    const i = forced.findIndex((f) => !f.path || f.path === url.pathname);
    if (i >= 0) {
      const [f] = forced.splice(i, 1);
      return {
        status: f!.status,
        body: { detail: f!.detail ?? `forced ${f!.status}` },
        retryAfter: f!.retryAfter,
      };
    }
    const authState = authenticate(options, auth);
    if (authState === 'invalid') {
      // BasicAuthMiddleware answers its bare message; BearerTokenMiddleware a `detail` (sky/server/server.py).
      if (options.basicAuth && auth?.startsWith('Basic '))
        return { status: 401, body: 'Invalid credentials' };
      return { status: 401, body: { detail: 'Invalid or expired service account token' } };
    }
    if (url.pathname === '/api/health' && record.method === 'GET') return health(state, authState === 'ok');
    if (authState === 'missing') return { status: 401, body: { detail: 'Authentication required' } };
    if (url.pathname === '/api/get' && record.method === 'GET')
      return await result(state, url.searchParams.get('request_id'));
    if (record.method !== 'POST') return { status: 404, body: { detail: 'Not Found' } };
    if (record.body === INVALID)
      return { status: 422, body: { detail: [{ type: 'json_invalid', msg: 'JSON decode error' }] } };
    return schedule(state, url.pathname, (record.body ?? {}) as Record<string, unknown>);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(JSON.stringify({ detail: String(err) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closed = false;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    cancelled: state.cancelled,
    respondWith: (answers) => forced.push(...answers),
    hang: (path, on = true) => void (on ? state.hanging.add(path) : state.hanging.delete(path)),
    fail: (path, error) => void (error ? state.failing.set(path, error) : state.failing.delete(path)),
    setControllerUp: (up) => void (state.controllerUp = up),
    close: async () => {
      if (closed) return;
      closed = true;
      state.store.cancelAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
