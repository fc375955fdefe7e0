/**
 * What each endpoint does to the fake's state. The HTTP plumbing (auth, latency, forced answers,
 * the request log) is in server.ts.
 */
import { CONTROLLER_CLUSTER } from './dataset';
import { presentCluster } from './records';
import { queueLegacy, queueV2 } from './queue';
import { payload, type Outcome, type RequestStore } from './request-store';
import type { FakeDataset } from './types';

export interface FakeState {
  readonly dataset: FakeDataset;
  readonly store: RequestStore;
  readonly now: () => number;
  controllerUp: boolean;
  legacyOnly: boolean;
  legacyEnvelope: boolean;
  bareArrayV2: boolean;
  /** POST paths whose requests stay RUNNING until cancelled. */
  readonly hanging: Set<string>;
  /** POST paths whose requests fail with this error (a Python exception's type and message). */
  readonly failing: Map<string, { type: string; message: string }>;
  readonly cancelled: string[];
  readonly version: string;
  readonly apiVersion: number;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  /** The id of the request a POST scheduled. */
  readonly requestId?: string;
  readonly retryAfter?: number | undefined;
}

const NAMES: Record<string, string> = {
  '/jobs/queue/v2': 'sky.jobs.queue_v2',
  '/jobs/queue': 'sky.jobs.queue',
  '/status': 'sky.status',
  '/api/cancel': 'sky.api_cancel',
};

/** `sky.exceptions.ClusterNotUpError` as the queue raises it for a stopped or never-launched controller. */
const CONTROLLER_DOWN: Outcome = {
  error: { type: 'ClusterNotUpError', message: 'No in-progress managed jobs.' },
};

export function schedule(state: FakeState, path: string, body: Record<string, unknown>): Reply {
  if (!(path in NAMES) || (path === '/jobs/queue/v2' && state.legacyOnly)) {
    return { status: 404, body: { detail: 'Not Found' } };
  }
  const request = state.store.create(NAMES[path]!);
  if (!state.hanging.has(path)) {
    const error = state.failing.get(path);
    const outcome = error ? { error } : run(state, path, body);
    request.finish('error' in outcome ? 'FAILED' : 'SUCCEEDED', outcome);
  }
  return { status: 200, body: null, requestId: request.id };
}

function run(state: FakeState, path: string, body: Record<string, unknown>): Outcome {
  const now = state.now();
  const isQueue = path.startsWith('/jobs/queue');
  if (isQueue && !state.controllerUp) return CONTROLLER_DOWN;
  try {
    if (path === '/jobs/queue/v2') {
      const answer = queueV2(state.dataset.jobs, body, now);
      return { value: state.bareArrayV2 ? answer.jobs : answer };
    }
    if (path === '/jobs/queue') return { value: queueLegacy(state.dataset.jobs, now, state.legacyEnvelope) };
    if (path === '/status') return { value: clusters(state) };
    const ids = (body.request_ids as string[] | null | undefined) ?? [];
    for (const id of ids) {
      state.store.get(id)?.finish('CANCELLED');
      state.cancelled.push(id);
    }
    return { value: ids };
  } catch (err) {
    return { error: { type: 'ValueError', message: err instanceof Error ? err.message : String(err) } };
  }
}

function clusters(state: FakeState): unknown[] {
  return state.dataset.clusters.map((c) =>
    presentCluster(c.name === CONTROLLER_CLUSTER && !state.controllerUp ? { ...c, status: 'STOPPED' } : c),
  );
}

/** `GET /api/get`: waits for the request to end (a hanging one: until cancelled or the server closes). */
export async function result(state: FakeState, id: string | null): Promise<Reply> {
  const request = id ? state.store.get(id) : undefined;
  if (!request) return { status: 404, body: { detail: `Request ${JSON.stringify(id ?? '')} not found` } };
  await request.done;
  if (request.status === 'FAILED') return { status: 500, body: { detail: payload(request) } };
  return { status: 200, body: payload(request) };
}

export function health(state: FakeState, authenticated: boolean): Reply {
  // Unauthenticated callers learn only that the server is up (sky/server/server.py, health).
  if (!authenticated) return { status: 200, body: { status: 'healthy' } };
  return {
    status: 200,
    body: {
      status: 'healthy',
      api_version: String(state.apiVersion),
      version: state.version,
      version_on_disk: state.version,
      commit: 'fake',
      basic_auth_enabled: false,
      user: { id: 'c011ec70', name: 'collector-sa' },
      service_account_token_enabled: true,
    },
  };
}
