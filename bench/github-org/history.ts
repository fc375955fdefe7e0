/** The histories of a cycle workflow and of its children (the batches): events and the largest event. */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface HistorySize {
  readonly events: number;
  /** Encoded size of the largest event: an upper bound of any payload in it. */
  readonly largestEventBytes: number;
  /** Its type, e.g. `WorkflowExecutionCompleted`. */
  readonly largestEventType: string;
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
    readonly largestEventType: string;
  };
  /** The largest event of the cycle and its children, and where it is (`cycle` or `batch`). */
  readonly largestEventBytes: number;
  readonly largestEvent: string;
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
  const largest = sizes.indexOf(Math.max(...sizes));
  const type = events[largest]?.eventType;
  return {
    size: {
      events: sizes.length,
      largestEventBytes: Math.max(0, ...sizes),
      largestEventType: type === undefined || type === null ? '?' : eventTypeName(type),
    },
    events,
  };
}

/** `EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED` (or its number) → `WorkflowExecutionCompleted`. */
function eventTypeName(type: temporal.api.enums.v1.EventType | string): string {
  const name = typeof type === 'string' ? type : temporal.api.enums.v1.EventType[type];
  return (name ?? String(type))
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/(?:^|_)([a-z])/g, (_, c: string) => c.toUpperCase());
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
  const childLargestType =
    children.find((c) => c.largestEventBytes === childLargest)?.largestEventType ?? '—';
  return {
    cycle: cycle.size,
    children: {
      count: children.length,
      events: childEvents,
      maxEvents: Math.max(0, ...children.map((c) => c.events)),
      largestEventBytes: childLargest,
      largestEventType: childLargestType,
    },
    largestEventBytes: Math.max(cycle.size.largestEventBytes, childLargest),
    largestEvent:
      cycle.size.largestEventBytes >= childLargest
        ? `cycle ${cycle.size.largestEventType}`
        : `batch ${childLargestType}`,
    events: cycle.size.events + childEvents,
  };
}
