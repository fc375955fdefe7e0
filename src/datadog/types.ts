import type { DataPoint } from '../catalog/model';
import type { KeyCheck } from './validate-key';

export interface SubmitOptions {
  /** After this instant, points that could not be sent are given up and counted as dropped. */
  readonly deadline: Date;
  /** Chunks already accepted by a previous attempt (resumed from the activity's heartbeat). */
  readonly skipChunks?: number;
  /** Called after each chunk is accepted, with the number of chunks accepted so far. */
  readonly onProgress?: (chunksDone: number) => void;
  readonly signal?: AbortSignal;
}

export interface SubmitResult {
  /** Points accepted by the intake (or written, for the dry-run sink). */
  readonly submitted: number;
  /** Points given up after the deadline. */
  readonly dropped: number;
  /** Payloads sent (after any 413 re-chunking). */
  readonly payloads: number;
}

/** Where points go: Datadog's intake, or the dry-run console/file sink. */
export interface Sink {
  readonly kind: 'datadog' | 'dry-run';
  /**
   * Sends every point. Throws a retryable error while the deadline has not passed and the intake
   * can't take them; after the deadline, returns with the unsent points counted in `dropped`.
   * Throws PermanentError for failures no retry can fix (400/401/403).
   */
  submit(points: readonly DataPoint[], options: SubmitOptions): Promise<SubmitResult>;
  /** Whether the intake accepts this sink's credentials (absent for sinks that send nothing). */
  checkCredentials?(): Promise<KeyCheck>;
}
