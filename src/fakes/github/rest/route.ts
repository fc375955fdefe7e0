import type { FakeStore } from '../store';

export interface RouteRequest {
  readonly url: URL;
  /** Named groups of the route's pattern. */
  readonly params: Readonly<Record<string, string>>;
  readonly store: FakeStore;
  /** The server's base URL, for URLs inside bodies. */
  readonly base: string;
}

export interface RouteResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Route {
  readonly pattern: RegExp;
  handle(req: RouteRequest): RouteResponse;
}

const DOCS = 'https://docs.github.com/rest';

export function ok(body: unknown, link?: string): RouteResponse {
  return { status: 200, body, ...(link ? { headers: { link } } : {}) };
}

export function notFound(): RouteResponse {
  return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
}

export function validationFailed(message: string): RouteResponse {
  return {
    status: 422,
    body: { message: 'Validation Failed', errors: [{ message }], documentation_url: DOCS, status: '422' },
  };
}
