/** The histories of a cycle workflow and of its children (the batches): events and the largest event. */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface HistorySize {
  readonly events: number;
  /** Encoded size of the largest event: an upper bound of any payload in it. */
  readonly largestEventBytes: number;
}

export interface CycleHistories {
  readonly cycle: HistorySize;
  readonly children: {
    readonly count: number;
    /** Σ of the children's events. */
    readonly events: number;
    /** The most events of one child. */
    readonly maxEvents: number;
    readonly largestEventBytes: number;
  };
  /** The largest event of the cycle and its children. */
  readonly largestEventBytes: number;
  /** Σ of the events of the cycle and its children. */
  readonly events: number;
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

async function sizeOf(handle: WorkflowHandle): Promise<{ size: HistorySize; events: HistoryEvent[] }> {
  const history = await handle.fetchHistory();
  const events = history.events ?? [];
  const sizes = events.map(
    (e) =>
      temporal.api.history.v1.HistoryEvent.encode(temporal.api.history.v1.HistoryEvent.fromObject(e)).finish()
        .length,
  );
  return { size: { events: sizes.length, largestEventBytes: Math.max(0, ...sizes) }, events };
}

export async function cycleHistories(client: Client, workflowId: string): Promise<CycleHistories> {
  const cycle = await sizeOf(client.workflow.getHandle(workflowId));
  const childIds = cycle.events
    .map((e) => e.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId)
    .filter((id): id is string => !!id);
  const children: HistorySize[] = [];
  for (const id of childIds) children.push((await sizeOf(client.workflow.getHandle(id))).size);
  const childEvents = children.reduce((s, c) => s + c.events, 0);
  const childLargest = Math.max(0, ...children.map((c) => c.largestEventBytes));
  return {
    cycle: cycle.size,
    children: {
      count: children.length,
      events: childEvents,
      maxEvents: Math.max(0, ...children.map((c) => c.events)),
      largestEventBytes: childLargest,
    },
    largestEventBytes: Math.max(cycle.size.largestEventBytes, childLargest),
    events: cycle.size.events + childEvents,
  };
}
