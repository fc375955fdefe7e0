/**
 * Submitting points from workflow code: size-bounded calls to the `submitMetrics` activity, retried
 * by Temporal until the submission deadline (after which the activity gives up and counts the
 * points as dropped).
 */
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { DataPoint } from '../catalog/model';
import { chunkByJsonSize } from './chunk';
import { describeFailure } from './failures';
import { HEARTBEAT_TIMEOUT_MS } from './heartbeat';
import type { CycleActivities } from './types';

/** Activity payloads stay far below Temporal's 256 KB warning. */
export const MAX_SUBMIT_PAYLOAD_BYTES = 128 * 1024;

export interface SubmitTotals {
  submitted: number;
  dropped: number;
  /** Set when Datadog refused the points for good. */
  error?: string;
}

export async function submitPoints(
  collector: string,
  points: readonly DataPoint[],
  deadline: string,
): Promise<SubmitTotals> {
  const totals: SubmitTotals = { submitted: 0, dropped: 0 };
  if (!points.length) return totals;
  // Retry until the deadline has passed (the activity then returns the points as dropped), plus a margin.
  const remainingMs = Math.max(0, Date.parse(deadline) - Date.now());
  const { submitMetrics } = proxyActivities<CycleActivities>({
    startToCloseTimeout: '2m',
    heartbeatTimeout: HEARTBEAT_TIMEOUT_MS,
    scheduleToCloseTimeout: remainingMs + 5 * 60_000,
    retry: {
      initialInterval: '1s',
      backoffCoefficient: 2,
      maximumInterval: '30s',
      nonRetryableErrorTypes: ['PermanentError'],
    },
  });
  const chunks = chunkByJsonSize(points, MAX_SUBMIT_PAYLOAD_BYTES);
  for (const [i, chunk] of chunks.entries()) {
    try {
      const out = await submitMetrics({ collector, points: chunk, deadline });
      totals.submitted += out.submitted;
      totals.dropped += out.dropped;
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      // Refused for good (e.g. a bad API key) or out of time: these points are lost; say why.
      totals.error ??= describeFailure(err);
      if (err.cause instanceof ApplicationFailure && err.cause.nonRetryable) {
        totals.dropped += chunks.slice(i).reduce((n, c) => n + c.length, 0);
        break;
      }
      totals.dropped += chunk.length;
    }
  }
  return totals;
}
