/**
 * Slot accounting: which series a slot must deliver (every target × every series of the collector,
 * tagged as the engine tags them, stamped with the slot), which of them reached the intake with the
 * right value, and when the last one did. Duplicates (a retried submission re-sending points) are
 * allowed and counted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import { packageVersion } from '../../src/config/version';
import { commonTags } from '../../src/engine/cycle-rules';
import { expectedValue, targetId, targetSeries, type SeriesShape } from './collector';
import { seriesKey, type OpsIntake } from './intake';

export interface SlotStatus {
  /** The slot (asOf), POSIX seconds. */
  readonly slot: number;
  readonly expected: number;
  /** Expected series that arrived stamped with the slot, with the right value. */
  readonly received: number;
  /** Expected series that arrived with another value (never expected). */
  readonly wrongValues: number;
  /** Arrivals beyond the first of each series (re-sent by a retry; harmless). */
  readonly duplicates: number;
  /** When the last expected series first arrived (ms since the epoch), once every one has. */
  readonly completeMs?: number;
}

interface ExpectedSeries {
  readonly metric: string;
  readonly tags: readonly string[];
  readonly target: string;
  readonly shape: SeriesShape;
}

export class SlotLedger {
  private readonly series: ExpectedSeries[];

  constructor(
    private readonly intake: OpsIntake,
    collector: string,
    targets: number,
    tagging: { env: string; service: string },
  ) {
    // The deployment sets no version: the workers tag the project's own.
    const common = commonTags({ collector, version: packageVersion(), ...tagging });
    this.series = Array.from({ length: targets }, (_, i) => targetId(i)).flatMap((target) =>
      targetSeries(collector).map((shape) => ({
        metric: shape.metric,
        tags: [...common, `target:${target}`, ...Object.entries(shape.tags).map(([k, v]) => `${k}:${v}`)],
        target,
        shape,
      })),
    );
  }

  get perSlot(): number {
    return this.series.length;
  }

  check(slot: number): SlotStatus {
    let received = 0;
    let wrongValues = 0;
    let duplicates = 0;
    let lastMs = 0;
    for (const s of this.series) {
      const arrival = this.intake.arrivals.get(seriesKey(s.metric, s.tags, slot));
      if (!arrival) continue;
      duplicates += arrival.count - 1;
      if (arrival.conflicting || arrival.value !== expectedValue(slot, s.target, s.shape)) wrongValues++;
      else received++;
      lastMs = Math.max(lastMs, arrival.firstMs);
    }
    const expected = this.series.length;
    return {
      slot,
      expected,
      received,
      wrongValues,
      duplicates,
      ...(received + wrongValues === expected ? { completeMs: lastMs } : {}),
    };
  }

  complete(slot: number): boolean {
    return this.check(slot).completeMs !== undefined;
  }
}

export interface Tally {
  readonly slots: number;
  readonly expected: number;
  readonly received: number;
  /** Expected and never received (goal 0). */
  readonly lost: number;
  readonly wrongValues: number;
  readonly duplicates: number;
  /** Slots missing at least one series, as ISO times. */
  readonly incompleteSlots: string[];
}

export function tally(statuses: readonly SlotStatus[]): Tally {
  const sum = (f: (s: SlotStatus) => number) => statuses.reduce((n, s) => n + f(s), 0);
  const expected = sum((s) => s.expected);
  const received = sum((s) => s.received);
  const wrongValues = sum((s) => s.wrongValues);
  return {
    slots: statuses.length,
    expected,
    received,
    lost: expected - received - wrongValues,
    wrongValues,
    duplicates: sum((s) => s.duplicates),
    incompleteSlots: statuses.filter((s) => s.received < s.expected).map((s) => iso(s.slot)),
  };
}

/** The slots of an interval schedule from `first` to `last` (seconds, inclusive). */
export function slotGrid(first: number, last: number, intervalSeconds: number): number[] {
  const slots: number[] = [];
  for (let t = first; t <= last; t += intervalSeconds) slots.push(t);
  return slots;
}

/** The latest slot of an interval schedule at or before `ms`. */
export function slotAtOrBefore(ms: number, intervalSeconds: number): number {
  return Math.floor(ms / 1000 / intervalSeconds) * intervalSeconds;
}

export function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** Polls `condition` until it holds (true) or `timeoutMs` passes (false). */
export async function waitUntil(condition: () => boolean, timeoutMs: number, pollMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(pollMs);
  }
  return true;
}

const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

export interface ScheduledRun {
  readonly workflowId: string;
  /** The slot the schedule started it for, seconds. */
  readonly slot: number;
  readonly status: string;
}

/** The runs a schedule started, from Temporal's visibility store. */
export async function scheduledRuns(client: Client, scheduleId: string): Promise<ScheduledRun[]> {
  const runs: ScheduledRun[] = [];
  for await (const w of client.workflow.list({ query: `TemporalScheduledById = '${scheduleId}'` })) {
    const start = w.typedSearchAttributes.get(SCHEDULED_START);
    if (!start) continue;
    runs.push({ workflowId: w.workflowId, slot: Math.floor(start.getTime() / 1000), status: w.status.name });
  }
  return runs.sort((a, b) => a.slot - b.slot);
}
