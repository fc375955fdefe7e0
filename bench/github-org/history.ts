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
  /** Where the cycle's wall time went, seconds. */
  readonly phases: CyclePhases;
}

export interface CyclePhases {
  /** Start of the cycle to its first batch's (the plan: fingerprints, prices, routes). */
  readonly plan: number;
  /** The first batch's start to the last one's end. */
  readonly batches: number;
  /** The last batch's end to the cycle's (roll-ups, health metrics). */
  readonly finish: number;
  /** The longest wait of a unit for a worker (scheduled to started), across the batches. */
  readonly unitWaitMax: number;
  /** The longest run of a unit (started to completed). */
  readonly unitRunMax: number;
  /** Which unit that was: `group owner/repo`. */
  readonly slowestUnit: string;
  /** The longest batch (its first event to its last). */
  readonly batchMax: number;
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const secondsOf = (e: HistoryEvent | undefined): number =>
  e?.eventTime ? Number(e.eventTime.seconds ?? 0) + (e.eventTime.nanos ?? 0) / 1e9 : NaN;
const round = (s: number) => Math.round(s * 10) / 10;

/** Each activity's scheduled, started and closed times, by its scheduled event's id. */
function activityTimes(events: readonly HistoryEvent[]): { wait: number; run: number; unit: string }[] {
  const scheduled = new Map<string, number>();
  const units = new Map<string, string>();
  const started = new Map<string, number>();
  const out: { wait: number; run: number; unit: string }[] = [];
  for (const e of events) {
    const t = secondsOf(e);
    const attributes = e.activityTaskScheduledEventAttributes;
    if (attributes) {
      scheduled.set(String(e.eventId), t);
      units.set(String(e.eventId), unitOf(attributes.input?.payloads?.[0]?.data));
    }
    const startedOf = e.activityTaskStartedEventAttributes?.scheduledEventId;
    if (startedOf != null) started.set(String(startedOf), t);
    const closed =
      e.activityTaskCompletedEventAttributes ??
      e.activityTaskFailedEventAttributes ??
      e.activityTaskTimedOutEventAttributes;
    if (closed?.scheduledEventId != null) {
      const id = String(closed.scheduledEventId);
      const begun = started.get(id) ?? t;
      out.push({ wait: begun - (scheduled.get(id) ?? begun), run: t - begun, unit: units.get(id) ?? '?' });
    }
  }
  return out;
}

/** `group owner/repo` of a `collectGroup` activity's input (JSON), `?` for another activity. */
function unitOf(data: Uint8Array | null | undefined): string {
  try {
    const input = JSON.parse(Buffer.from(data ?? []).toString()) as {
      group?: string;
      target?: { id?: string };
    };
    return input.group ? `${input.group} ${input.target?.id ?? '?'}` : '?';
  } catch {
    return '?';
  }
}

function phasesOf(
  cycle: readonly HistoryEvent[],
  children: readonly (readonly HistoryEvent[])[],
): CyclePhases {
  const start = secondsOf(cycle[0]);
  const end = secondsOf(cycle[cycle.length - 1]);
  const childStarts = cycle.filter((e) => e.childWorkflowExecutionStartedEventAttributes).map(secondsOf);
  const childEnds = cycle
    .filter(
      (e) =>
        e.childWorkflowExecutionCompletedEventAttributes ?? e.childWorkflowExecutionFailedEventAttributes,
    )
    .map(secondsOf);
  const first = childStarts.length ? Math.min(...childStarts) : end;
  const last = childEnds.length ? Math.max(...childEnds) : first;
  const units = children.flatMap((events) => activityTimes(events));
  const slowest = units.reduce<(typeof units)[number] | undefined>(
    (a, u) => (a && a.run >= u.run ? a : u),
    undefined,
  );
  return {
    plan: round(first - start),
    batches: round(last - first),
    finish: round(end - last),
    unitWaitMax: round(Math.max(0, ...units.map((u) => u.wait))),
    unitRunMax: round(slowest?.run ?? 0),
    slowestUnit: slowest?.unit ?? '—',
    batchMax: round(
      Math.max(0, ...children.map((events) => secondsOf(events[events.length - 1]) - secondsOf(events[0]))),
    ),
  };
}

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
  const childEventLists: HistoryEvent[][] = [];
  for (const id of childIds) {
    const child = await sizeOf(client.workflow.getHandle(id));
    children.push(child.size);
    childEventLists.push(child.events);
  }
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
    phases: phasesOf(cycle.events, childEventLists),
  };
}
