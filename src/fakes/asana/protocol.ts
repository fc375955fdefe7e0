/** The fake Asana's side of the wire: error envelopes, query parameters, offset tokens, replies. */
import type { ServerResponse } from 'node:http';
import type { FakeProject } from './dataset';

export const HELP =
  'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function archived(p: FakeProject, q: Record<string, string>): boolean {
  return q.archived === undefined || String(p.archived) === q.archived;
}

export function optFields(q: Record<string, string>): string[] | undefined {
  return q.opt_fields === undefined
    ? undefined
    : q.opt_fields
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
}

/** An ISO 8601 date-time parameter, as a comparable `…Z` string. */
export function isoOf(text: string, name: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new HttpError(400, `${name}: Invalid date-time: ${text}`);
  return new Date(ms).toISOString();
}

/** What an offset token is bound to: the list and its filters, not the page position. */
export function pageKey(path: string, q: Record<string, string>): string {
  const { offset: _offset, limit: _limit, opt_fields: _fields, ...filters } = q;
  return `${path}?${new URLSearchParams(Object.entries(filters).sort()).toString()}`;
}

/** An opaque token bound to its list (`pageKey`), as Asana's are. */
export function encodeOffset(key: string, index: number): string {
  return Buffer.from(JSON.stringify({ k: key, i: index })).toString('base64url');
}

export function decodeOffset(token: string): { key: string; index: number } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      k?: unknown;
      i?: unknown;
    };
    return typeof parsed.k === 'string' && typeof parsed.i === 'number'
      ? { key: parsed.k, index: parsed.i }
      : undefined;
  } catch {
    return undefined;
  }
}

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
