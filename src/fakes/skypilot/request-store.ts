/**
 * The server's asynchronous requests (sky/server/requests/requests.py): each POST becomes a request
 * with an id; `/api/get` waits until it is terminal. A request can be made to hang (stay RUNNING
 * until cancelled) to test client timeouts.
 */
import { randomUUID } from 'node:crypto';

export type Outcome = { value: unknown } | { error: { type: string; message: string } };

export interface FakeRequest {
  readonly id: string;
  readonly name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  readonly createdAt: number;
  finishedAt?: number;
  outcome?: Outcome;
  /** Resolves when the request becomes terminal. */
  readonly done: Promise<void>;
  finish(status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED', outcome?: Outcome): void;
}

export class RequestStore {
  private readonly requests = new Map<string, FakeRequest>();

  create(name: string): FakeRequest {
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const request: FakeRequest = {
      id: randomUUID(),
      name,
      status: 'RUNNING',
      createdAt: Date.now() / 1000,
      done,
      finish(status, outcome) {
        if (this.status !== 'RUNNING') return;
        this.status = status;
        this.finishedAt = Date.now() / 1000;
        if (outcome) this.outcome = outcome;
        resolve();
      },
    };
    this.requests.set(request.id, request);
    return request;
  }

  get(id: string): FakeRequest | undefined {
    return this.requests.get(id);
  }

  /** Ends every request still running (on close), so no `/api/get` waits forever. */
  cancelAll(): void {
    for (const r of this.requests.values()) r.finish('CANCELLED');
  }
}

/** The `RequestPayload` of `/api/get` (sky/server/requests/payloads.py); `error` and `return_value` are JSON strings. */
export function payload(r: FakeRequest): Record<string, unknown> {
  const outcome = r.outcome;
  const error =
    outcome && 'error' in outcome
      ? {
          object: Buffer.from(`${outcome.error.type}: ${outcome.error.message}`).toString('base64'),
          ...outcome.error,
        }
      : null;
  return {
    request_id: r.id,
    name: r.name,
    entrypoint: '',
    request_body: '',
    status: r.status,
    created_at: r.createdAt,
    user_id: 'c011ec70',
    return_value: JSON.stringify(outcome && 'value' in outcome ? outcome.value : null),
    error: JSON.stringify(error),
    pid: null,
    schedule_type: 'short',
    user_name: 'collector',
    cluster_name: null,
    status_msg: null,
    should_retry: false,
    finished_at: r.finishedAt ?? null,
  };
}
