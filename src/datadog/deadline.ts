/**
 * The submission deadline. While it has not passed, an unavailable intake ends the attempt and
 * Temporal retries it (resuming after the accepted chunks); once it has, the points not yet accepted
 * are given up and counted as dropped, so an outage cannot hold the cycles behind it forever.
 */
import type { Logger } from '../log';
import type { Progress } from './halve-on-413';
import { IntakeUnavailableError } from './intake-errors';
import type { SubmitResult } from './types';

export interface FailedChunk {
  /** Index of the chunk that failed, and how many there are. */
  readonly chunk: number;
  readonly chunks: number;
  /** Points of the whole submission. */
  readonly total: number;
  readonly progress: Progress;
  readonly deadline: Date;
  readonly now: () => number;
  readonly log: Logger;
}

/** Past the deadline an unavailable intake drops the rest (the result); anything else is rethrown. */
export function dropPastDeadlineOrRethrow(err: unknown, at: FailedChunk): SubmitResult {
  if (!(err instanceof IntakeUnavailableError)) throw err;
  const { progress, log } = at;
  if (at.now() >= at.deadline.getTime()) {
    const dropped = at.total - progress.submitted;
    log.warn('Datadog intake unavailable past the submission deadline; dropping the unsent points', {
      dropped,
      submitted: progress.submitted,
      deadline: at.deadline.toISOString(),
      error: err.message,
    });
    return { submitted: progress.submitted, dropped, payloads: progress.payloads };
  }
  log.warn('Datadog intake unavailable; the attempt ends and will be retried', {
    chunk: at.chunk,
    chunks: at.chunks,
    status: err.status,
    error: err.message,
  });
  throw err;
}
