/** Writing answers the way GitHub does: JSON bodies, weak ETags on GETs, 304 for a matching If-None-Match. */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function etagOf(text: string): string {
  return `W/"${createHash('sha1').update(text).digest('hex')}"`;
}

/** True when the client's If-None-Match names this ETag (GitHub compares them weakly). */
export function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(etag));
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'x-github-media-type': 'github.v3; format=json',
    ...headers,
  });
  res.end(text);
}

export const RATE_LIMITED_MESSAGE = 'API rate limit exceeded for user ID 1.';
export const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
export const DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

/**
 * With a token or an app configured, requests must carry the token or a live installation token of the
 * app (`token …` or `Bearer …`).
 */
export function authorized(
  req: IncomingMessage,
  token: string | undefined,
  app?: { accepts(token: string): boolean },
): boolean {
  if (!token && !app) return true;
  const [scheme, value = ''] = (req.headers.authorization ?? '').split(/\s+/, 2);
  if (!/^(token|bearer)$/i.test(scheme ?? '')) return false;
  return (token !== undefined && value === token) || (app?.accepts(value) ?? false);
}

export const BAD_CREDENTIALS = {
  message: 'Bad credentials',
  documentation_url: 'https://docs.github.com/rest',
  status: '401',
};
