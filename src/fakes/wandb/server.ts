/**
 * A loopback fake of W&B's public GraphQL API on 127.0.0.1 and a free port: `POST /graphql` with
 * HTTP Basic auth (user `api`, the key as password), every query parsed and validated against the
 * hand-written schema, then executed over the dataset. Rate limiting answers 429 with
 * `RateLimit-Remaining` / `RateLimit-Reset` (and `Retry-After` when asked), as W&B does. Every
 * request is logged for tests and benchmarks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kind, execute, parse, validate, type DocumentNode, type GraphQLError } from 'graphql';
import type { FakeDataset } from './dataset';
import { rootValue } from './resolvers';
import { wandbSchema } from './schema';

export interface FakeWandbOptions {
  readonly dataset: FakeDataset;
  /** The API key the fake accepts (`Authorization: Basic base64("api:<key>")`). */
  readonly apiKey: string;
  /** Delay before each answer. */
  readonly latencyMs?: number;
  /** False: an older W&B Server whose `Project.sweeps` takes no `filters`. */
  readonly sweepFilters?: boolean;
}

export interface LoggedRequest {
  readonly status: number;
  /** The operation's name (`CollectorRuns`), when the query parsed. */
  readonly operation?: string;
  readonly variables?: Readonly<Record<string, unknown>>;
  /** The Authorization header's scheme (`Basic`, `Bearer`), or none. */
  readonly scheme?: string;
}

export interface RateLimit {
  /** Requests answered before the 429s start. */
  readonly remaining: number;
  /** `RateLimit-Reset` of the 429s: seconds until the budget refills. */
  readonly resetSeconds: number;
  /** Adds `Retry-After` (seconds) to the 429s. */
  readonly retryAfterSeconds?: number;
}

export interface FakeWandb {
  readonly url: string;
  readonly requests: LoggedRequest[];
  /** From now on, `remaining` requests are answered, then 429s; null lifts the limit. */
  setRateLimit(limit: RateLimit | null): void;
  /** From now on every request gets `status` (a 5xx), as in an outage; null: back to normal. */
  setServerError(status: number | null): void;
  close(): Promise<void>;
}

/** What W&B's public budget is expressed in: an opaque 0–1000 scale. */
const FULL = 1000;

export async function startFakeWandb(options: FakeWandbOptions): Promise<FakeWandb> {
  const requests: LoggedRequest[] = [];
  const expected = `Basic ${Buffer.from(`api:${options.apiKey}`).toString('base64')}`;
  const schema = wandbSchema({ sweepFilters: options.sweepFilters !== false });
  const root = rootValue(options.dataset);
  let limit: { remaining: number; resetSeconds: number; retryAfterSeconds?: number } | null = null;
  let serverError: number | null = null;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { errors: [{ message: String(err) }] }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const authorization = req.headers.authorization ?? '';
    const scheme = authorization.split(' ')[0] || undefined;
    const log = (status: number, extra: Partial<LoggedRequest> = {}) =>
      requests.push({ status, ...(scheme ? { scheme } : {}), ...extra });
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.method !== 'POST' || path !== '/graphql') {
      log(404);
      return send(res, 404, { errors: [{ message: 'not found' }] });
    }
    if (authorization !== expected) {
      log(401);
      return send(res, 401, { errors: [{ message: 'user is not logged in' }] });
    }
    if (serverError !== null) {
      log(serverError);
      res.writeHead(serverError, { 'content-type': 'text/html' });
      return void res.end(`<html><body><h1>${serverError} Service Unavailable</h1></body></html>`);
    }
    if (limit && limit.remaining <= 0) {
      log(429);
      return send(
        res,
        429,
        { errors: [{ message: 'rate limit exceeded' }] },
        {
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(limit.resetSeconds),
          ...(limit.retryAfterSeconds !== undefined
            ? { 'retry-after': String(limit.retryAfterSeconds) }
            : {}),
        },
      );
    }
    if (limit) limit.remaining--;
    const headers = {
      'ratelimit-remaining': String(limit ? Math.min(limit.remaining, FULL) : FULL),
      'ratelimit-reset': String(limit?.resetSeconds ?? 60),
    };
    let body: { query?: unknown; variables?: Record<string, unknown> | null; operationName?: string | null };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      log(400);
      return send(res, 400, { errors: [{ message: 'request body is not JSON' }] }, headers);
    }
    if (typeof body.query !== 'string') {
      log(400);
      return send(res, 400, { errors: [{ message: 'no query' }] }, headers);
    }
    let doc: DocumentNode;
    try {
      doc = parse(body.query);
    } catch (err) {
      log(400);
      return send(res, 400, { errors: [format(err as GraphQLError)] }, headers);
    }
    const operation = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)?.name?.value;
    const variables = body.variables ?? {};
    const invalid = validate(schema, doc);
    if (invalid.length) {
      log(400, { ...(operation ? { operation } : {}), variables });
      return send(res, 400, { errors: invalid.map(format) }, headers);
    }
    const result = await execute({
      schema,
      document: doc,
      rootValue: root,
      variableValues: variables,
      operationName: body.operationName ?? undefined,
    });
    log(200, { ...(operation ? { operation } : {}), variables });
    send(
      res,
      200,
      result.errors
        ? { data: result.data ?? null, errors: result.errors.map(format) }
        : { data: result.data },
      headers,
    );
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    setRateLimit: (next) => {
      limit = next ? { ...next } : null;
    },
    setServerError: (status) => {
      serverError = status;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function format(err: GraphQLError): Record<string, unknown> {
  return {
    message: err.message,
    ...(err.path ? { path: err.path } : {}),
    ...(err.locations ? { locations: err.locations } : {}),
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
