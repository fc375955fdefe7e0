/**
 * `GET /api/health`: a plain JSON answer, no async request. With a valid token it names the version
 * and the user; a `sky_` token the server rejects gets 401 (sky/server/server.py, health and
 * BearerTokenMiddleware). Without credentials a server with auth answers only `{"status": "healthy"}`.
 */
import type { Connection } from './connection';
import { check, expectJson, send } from './http';

export interface Health {
  readonly status?: string;
  readonly version?: string;
  readonly api_version?: string;
  readonly commit?: string;
  readonly user?: { name?: string; id?: string } | null;
  readonly service_account_token_enabled?: boolean;
}

export async function fetchHealth(conn: Connection): Promise<Health> {
  const what = 'GET /api/health';
  const answer = await send(conn, 'GET', '/api/health', { deadline: Date.now() + conn.timeoutMs, what });
  check(conn, answer, what);
  return expectJson(conn, answer, what) as Health;
}
