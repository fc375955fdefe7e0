/**
 * A loopback fake of GitHub's REST and GraphQL APIs over a dataset, on 127.0.0.1 and a free port:
 * the endpoints the collector uses, with GitHub's shapes, paging, the run-listing cap, rate-limit
 * headers and answers, ETags and 304s (which cost nothing). Every request is logged for tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGitHubApp, INSTALLATION_PATH, type FakeGitHubAppOptions } from './app';
import type { FakeDataset } from './dataset';
import { prepareGraphql } from './graphql/handler';
import { BAD_CREDENTIALS, authorized, etagOf, notModified, readBody, sendJson } from './http';
import { RateLimits, type FakeResource, type RateLimitChange } from './rate-limit';
import { actionsRoutes } from './rest/actions';
import { repoRoutes } from './rest/repos';
import { notFound, type Route } from './rest/route';
import { FakeStore } from './store';

export interface FakeGitHubOptions {
  readonly dataset: FakeDataset;
  /** Delay before each answer. */
  readonly latencyMs?: number;
  /** When set, requests must carry it (`Authorization: token …` or `Bearer …`); others get 401. */
  readonly token?: string;
  /**
   * A GitHub App: `POST /app/installations/{id}/access_tokens` mints installation tokens for JWTs signed
   * with its key, and those tokens are accepted (besides `token`, if set) until they expire.
   */
  readonly app?: FakeGitHubAppOptions;
}

export interface LoggedRequest {
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  readonly status: number;
  /** The bucket charged; `none` for free requests (GET /rate_limit). 304s are logged but not charged. */
  readonly resource: FakeResource | 'none';
  /** GraphQL operation name. */
  readonly operation?: string;
  /** Points charged (GraphQL score, 1 for REST, 0 for 304s and free requests). */
  readonly cost: number;
}

export interface FakeGitHub {
  readonly url: string;
  readonly requests: LoggedRequest[];
  readonly rateLimits: RateLimits;
  /** The GitHub App, when `app` was given: its minted tokens. */
  readonly app?: FakeGitHubApp;
  setRateLimit(change: RateLimitChange): void;
  /** Answers the requests whose path (and query) matches with a 5xx from now on; null: back to normal. */
  setServerError(error: FakeServerError | null): void;
  /** Serves another dataset from now on (e.g. the same repos a cycle later, with new runs). */
  replaceDataset(dataset: FakeDataset): void;
  close(): Promise<void>;
}

/** A failing GitHub: `status` (e.g. 502) with GitHub's JSON body `{ message }` (default "Server Error"). */
export interface FakeServerError {
  readonly status: number;
  /** Only requests whose path and query match (default: every request, GraphQL included). */
  readonly path?: RegExp;
  readonly message?: string;
  /** An HTML page instead of the JSON body, as a load balancer or proxy in front of GitHub answers. */
  readonly html?: string;
}

const ROUTES: Route[] = [...repoRoutes, ...actionsRoutes];

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  let store = new FakeStore(options.dataset);
  const limits = new RateLimits();
  const requests: LoggedRequest[] = [];
  const app = options.app ? new FakeGitHubApp(options.app) : undefined;
  let serverError: FakeServerError | null = null;
  let base = '';
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendJson(res, 500, { message: String(err) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const resource: FakeResource =
      url.pathname === '/graphql' ? 'graphql' : url.pathname.startsWith('/search/') ? 'search' : 'core';
    const log = (status: number, charged: FakeResource | 'none', cost: number, operation?: string) =>
      requests.push({
        method,
        path: url.pathname + url.search,
        status,
        resource: charged,
        cost,
        ...(operation ? { operation } : {}),
      });
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) =>
      sendJson(res, status, payload, { ...limits.headers(resource), ...headers });

    const installation = INSTALLATION_PATH.exec(url.pathname)?.groups?.id;
    if (app && method === 'POST' && installation !== undefined) {
      // The app's JWT bucket, not the installation's: logged, never charged.
      const answer = app.mint(req, installation);
      log(answer.status, 'none', 0);
      return sendJson(res, answer.status, answer.body);
    }
    if (!authorized(req, options.token, app)) {
      log(401, 'none', 0);
      return sendJson(res, 401, BAD_CREDENTIALS);
    }
    if (serverError && (serverError.path?.test(url.pathname + url.search) ?? true)) {
      // Not charged: how GitHub accounts for its own failures is not modelled.
      log(serverError.status, 'none', 0);
      if (serverError.html !== undefined) {
        res.writeHead(serverError.status, { 'content-type': 'text/html' });
        return void res.end(serverError.html);
      }
      return sendJson(res, serverError.status, { message: serverError.message ?? 'Server Error' });
    }
    if (method === 'GET' && url.pathname === '/rate_limit') {
      log(200, 'none', 0);
      return reply(200, limits.overview());
    }
    const refusal = limits.refusal(resource);
    if (refusal) {
      log(refusal.status, resource, 0);
      return reply(refusal.status, refusal.body, refusal.headers);
    }
    if (method === 'POST' && url.pathname === '/graphql') {
      const call = prepareGraphql(body, store);
      const cost = call.rejected ? 1 : call.cost;
      limits.spend('graphql', cost);
      log(call.rejected?.status ?? 200, 'graphql', cost, call.operation);
      if (call.rejected) return reply(call.rejected.status, call.rejected.body);
      return reply(200, await call.run(() => limits.graphqlRateLimit(cost)));
    }
    const route = method === 'GET' ? ROUTES.find((r) => r.pattern.test(url.pathname)) : undefined;
    const answer = route
      ? route.handle({ url, params: route.pattern.exec(url.pathname)!.groups ?? {}, store, base })
      : notFound();
    // GitHub's ETags belong to the token that got them: another token's If-None-Match never matches.
    const credential = req.headers.authorization ?? '';
    const etag = answer.status === 200 ? etagOf(JSON.stringify(answer.body) + credential) : undefined;
    if (etag && notModified(req, etag)) {
      log(304, resource, 0);
      return reply(304, undefined, { etag, ...answer.headers });
    }
    limits.spend(resource);
    log(answer.status, resource, 1);
    reply(answer.status, answer.body, { ...(etag ? { etag } : {}), ...answer.headers });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    rateLimits: limits,
    ...(app ? { app } : {}),
    setRateLimit: (change) => limits.set(change),
    setServerError: (error) => {
      serverError = error;
    },
    replaceDataset: (dataset) => {
      store = new FakeStore(dataset);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
