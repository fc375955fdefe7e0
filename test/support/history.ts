import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface HistoryStats {
  readonly workflowId: string;
  readonly events: number;
  /** Encoded size of the whole history. */
  readonly bytes: number;
  /** Encoded size of the largest event: an upper bound of any payload in it. */
  readonly largestEventBytes: number;
}

export async function historyStats(handle: WorkflowHandle): Promise<HistoryStats> {
  const history = await handle.fetchHistory();
  const sizes = (history.events ?? []).map(
    (e) =>
      temporal.api.history.v1.HistoryEvent.encode(temporal.api.history.v1.HistoryEvent.fromObject(e)).finish()
        .length,
  );
  return {
    workflowId: handle.workflowId,
    events: sizes.length,
    bytes: sizes.reduce((a, b) => a + b, 0),
    largestEventBytes: Math.max(0, ...sizes),
  };
}
