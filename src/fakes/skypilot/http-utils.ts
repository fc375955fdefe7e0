/** Request bodies and credentials, as the fake server reads them. */
import type { IncomingMessage } from 'node:http';

/** A body that is not JSON (FastAPI answers 422). */
export const INVALID = Symbol('invalid JSON');

export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}

export function authenticate(
  options: { token?: string; basicAuth?: { user: string; password: string } },
  header: string | undefined,
): 'ok' | 'missing' | 'invalid' {
  if (!options.token && !options.basicAuth) return 'ok';
  if (!header) return 'missing';
  if (options.token && header === `Bearer ${options.token}`) return 'ok';
  const basic = options.basicAuth;
  if (basic && header === `Basic ${Buffer.from(`${basic.user}:${basic.password}`).toString('base64')}`)
    return 'ok';
  return 'invalid';
}
