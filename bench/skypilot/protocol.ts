/**
 * The messages between bench-skypilot (the measured process) and the child process hosting the fake
 * SkyPilot API server: in the bench's own process, the fake's queue (5,000 jobs) and the answers it
 * encodes would count in the heap being measured, and its CPU would share the collector's event loop.
 */

export interface StartArgs {
  readonly jobs: number;
  readonly seed: number;
  /** Epoch seconds the dataset is relative to (the cycles' asOf). */
  readonly now: number;
  readonly latencyMs: number;
  readonly token: string;
}

/** A request as the fake logged it. */
export interface ServedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface HostOps {
  /** Generates the queue and starts the fake; answers its URL and the queue's size. */
  start: { args: StartArgs; result: { url: string; rows: number; jobs: number; clusters: number } };
  /** Empties the request log and starts counting CPU time. */
  begin: { args: Record<string, never>; result: Record<string, never> };
  /** The requests served since `begin`, and the fake's CPU time meanwhile. */
  end: { args: Record<string, never>; result: { requests: ServedRequest[]; cpuMs: number } };
  stop: { args: Record<string, never>; result: Record<string, never> };
}
