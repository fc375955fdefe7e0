/**
 * Errors of the SkyPilot client. Retryable ones are plain errors (Temporal retries them); the
 * PermanentError and RateLimitedError of the engine say what to change or when to come back.
 */
import { PermanentError } from '../../../errors';
import type { Connection } from './connection';

/** The jobs controller is not up (`ClusterNotUpError`): a state to report, not a failure. */
export class ControllerDownError extends Error {
  override readonly name = 'ControllerDownError';
}

/** The server has no such route (an older server without `/jobs/queue/v2`). */
export class EndpointMissingError extends Error {
  override readonly name = 'EndpointMissingError';
}

/** The request did not finish within the timeout (it was cancelled on the server). */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
}

/** The server answered, but not with what the protocol promises; retried, the next answer may be fine. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

const SERVICE_ACCOUNT =
  'a service-account token (SkyPilot dashboard → Users → Service Accounts; the viewer role is enough)';

/** A 401/403: the fix names the credential that was sent, and where it is set. */
export function credentialsRefused(conn: Connection, status: number, detail: string): PermanentError {
  const fix = {
    token: `create a new service-account token (SkyPilot dashboard → Users → Service Accounts; the viewer role is enough) and store it in ${conn.tokenFrom}`,
    url: `the user name and password in the server URL (${conn.urlFrom}) were refused: correct them there, or remove them and use ${SERVICE_ACCOUNT} stored in ${conn.tokenFrom}`,
    none: `the server needs a token: create ${SERVICE_ACCOUNT} and store it in ${conn.tokenFrom}`,
  }[conn.auth];
  return new PermanentError(
    `SkyPilot API server ${conn.server} (${conn.display}) refused the credentials: HTTP ${status}${detail ? ` ${detail}` : ''}`,
    fix,
  );
}

/**
 * `detail` of a FastAPI error body, or the body when it is a bare JSON string (SkyPilot's Basic-auth
 * refusals), as text; never another raw body: it could echo the request.
 */
export function detailOf(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 300);
  if (typeof body !== 'object' || body === null) return '';
  const detail = (body as { detail?: unknown }).detail;
  if (typeof detail === 'string') return detail.slice(0, 300);
  return '';
}
