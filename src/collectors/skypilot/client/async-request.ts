/**
 * SkyPilot's asynchronous request protocol (sky/server/server.py, 0.14.1):
 * 1. `POST <path>` schedules the work and answers at once, the id in header `X-Skypilot-Request-ID`
 *    (older servers: `X-Request-ID`);
 * 2. `GET /api/get?request_id=<id>` blocks server-side until the request ends, then answers the
 *    `RequestPayload` whose `return_value` is a JSON string; 500 with `detail` = that payload whose
 *    `error` is a JSON string `{"type", "message", "object"}`; 404 for an unknown id.
 * Both steps share one deadline. A request still pending at the deadline (or when the unit is
 * cancelled) is cancelled with `POST /api/cancel` so it stops using a server worker.
 */
import type { Connection } from './connection';
import { ControllerDownError, EndpointMissingError, ProtocolError, RequestTimeoutError } from './errors';
import { check, expectJson, send } from './http';

export async function runRequest(conn: Connection, path: string, body: unknown): Promise<unknown> {
  const deadline = Date.now() + conn.timeoutMs;
  const what = `POST ${path}`;
  const submitted = await send(conn, 'POST', path, { body, deadline, what });
  if (submitted.status === 404) throw new EndpointMissingError(`${conn.display} has no ${path}`);
  check(conn, submitted, what);
  const id = submitted.headers.get('x-skypilot-request-id') ?? submitted.headers.get('x-request-id');
  if (!id)
    throw new ProtocolError(`SkyPilot API server ${conn.server} answered ${what} without a request id`);
  return await result(conn, id, what, deadline);
}

async function result(conn: Connection, id: string, what: string, deadline: number): Promise<unknown> {
  conn.heartbeat({ waiting: what });
  const beat = setInterval(() => conn.heartbeat({ waiting: what }), conn.heartbeatEveryMs);
  try {
    const answer = await send(conn, 'GET', `/api/get?request_id=${encodeURIComponent(id)}`, {
      deadline,
      what: `the result of ${what}`,
    });
    if (answer.status === 404) {
      throw new ProtocolError(
        `SkyPilot API server ${conn.server} no longer knows the request of ${what} (restarted?)`,
      );
    }
    if (answer.status === 500) failed(conn, answer.body, what);
    check(conn, answer, `the result of ${what}`);
    return returnValue(conn, expectJson(conn, answer, what), what);
  } catch (err) {
    if (err instanceof RequestTimeoutError || conn.signal.aborted) {
      await cancel(conn, id);
      throw err instanceof RequestTimeoutError
        ? new RequestTimeoutError(`${err.message}; cancelled it on the server`)
        : err;
    }
    throw err;
  } finally {
    clearInterval(beat);
  }
}

/** A 500 from /api/get: the request failed on the server; its `error` says why. */
function failed(conn: Connection, body: unknown, what: string): never {
  const detail = (body as { detail?: unknown } | undefined)?.detail;
  const encoded = (detail as { error?: unknown } | undefined)?.error;
  let error: { type?: unknown; message?: unknown } = {};
  try {
    if (typeof encoded === 'string') error = JSON.parse(encoded) as typeof error;
  } catch {
    // Not the documented shape: reported as a plain server error below.
  }
  const type = typeof error.type === 'string' ? error.type : 'server error';
  const message = typeof error.message === 'string' ? error.message.slice(0, 300) : '';
  if (type === 'ClusterNotUpError') throw new ControllerDownError(message || 'jobs controller not up');
  throw new Error(
    `SkyPilot API server ${conn.server}: ${what} failed: ${type}${message ? `: ${message}` : ''}`,
  );
}

function returnValue(conn: Connection, payload: unknown, what: string): unknown {
  const p = payload as { status?: unknown; return_value?: unknown };
  if (typeof p.return_value !== 'string') {
    throw new ProtocolError(`SkyPilot API server ${conn.server}: the result of ${what} has no return_value`);
  }
  if (p.status !== undefined && p.status !== 'SUCCEEDED') {
    throw new Error(`SkyPilot API server ${conn.server}: ${what} ended ${JSON.stringify(p.status)}`);
  }
  try {
    return JSON.parse(p.return_value) as unknown;
  } catch {
    throw new ProtocolError(`SkyPilot API server ${conn.server}: the return_value of ${what} is not JSON`);
  }
}

/** Best effort, on its own short deadline: the unit's signal may already be aborted. */
async function cancel(conn: Connection, id: string): Promise<void> {
  const own = { ...conn, signal: new AbortController().signal };
  try {
    const answer = await send(own, 'POST', '/api/cancel', {
      body: { request_ids: [id] },
      deadline: Date.now() + Math.min(5000, conn.timeoutMs),
      what: 'POST /api/cancel',
    });
    conn.log.info('cancelled a SkyPilot request that did not finish in time', { status: answer.status });
  } catch (err) {
    conn.log.warn('could not cancel a pending SkyPilot request', {
      error: err instanceof Error ? err.message : String(err),
    });
  }
}
