/**
 * Phase 2, outages. The drill: the intake answers 503 for a window spanning several slots while the
 * schedule keeps starting cycles and Temporal keeps retrying their `submitMetrics` activities; then it
 * comes back, and every slot that started before or during the outage must end up with every series
 * at the slot's timestamp. The deadline phase: a slot whose submission deadline (asOf + 55 min without
 * historical ingestion) passes during an outage has its points dropped and counted in
 * `collector.<name>.points_dropped`, while one whose deadline falls after the outage loses nothing.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { WorkflowHandle } from '@temporalio/client';
import { WITHOUT_HMI_GIVE_UP_AFTER_MS } from '../../src/workflows/intake-window';
import type { collectionCycle } from '../../src/workflows';
import type { CycleResult } from '../../src/workflows/types';
import { progress } from '../driver/temporal';
import { count, seconds, slotsBetween, type OpsContext } from './context';
import { LIVE } from './deployment';
import { iso, scheduledRuns, slotAtOrBefore, slotGrid, tally, waitUntil, type Tally } from './slots';

const RETRIED = 'Datadog intake unavailable; the attempt ends and will be retried';
const GAVE_UP = 'Datadog intake unavailable past the submission deadline; dropping the unsent points';

/** Longest wait for the points held back by an outage once the intake is back (retries back off to 30 s). */
const RECOVERY_TIMEOUT_MS = 180_000;

/** The drill's outage begins this long after a slot's nominal time. */
const IN_FLIGHT_OFFSET_MS = 20;

export interface DrillResult {
  readonly outageMs: number;
  readonly downAt: string;
  readonly upAt: string;
  /** Slots whose nominal time fell inside the outage. */
  readonly slotsInOutage: number;
  /** Slots started before the outage whose points had not all arrived when it began. */
  readonly inFlightAtDown: number;
  readonly before: Tally;
  readonly during: Tally;
  /** Every slot that started before or during the outage. */
  readonly total: Tally;
  /** From the intake's return to the arrival of the last held-back point. */
  readonly recoveryMs?: number;
  /** Longest time from a slot to its last point, over the slots due during the outage. */
  readonly longestSlotWaitMs?: number;
  /** POSTs the intake refused with 503 while down: each an attempt Temporal retried. */
  readonly refusedPosts: number;
  readonly retriedAttempts: number;
  /** Slots due from the schedule's first slot to the outage's end, and the runs it started for them. */
  readonly schedule: { readonly slotsDue: number; readonly runsStarted: number; readonly skipped: string[] };
}

export async function outageDrill(
  ctx: OpsContext,
  opts: { firstSlot: number; outageMs: number },
): Promise<DrillResult> {
  const refusedBefore = ctx.intake.posts[503] ?? 0;
  const retriedBefore = count(ctx.logCounts, RETRIED);
  // Down 20 ms after a slot's nominal time: its cycle has started and its points are still on the way
  // (a slot takes about 100 ms to reach the intake), so one slot is caught in flight.
  const nextSlotMs = (slotAtOrBefore(Date.now(), ctx.intervalSeconds) + ctx.intervalSeconds) * 1000;
  await sleep(nextSlotMs + IN_FLIGHT_OFFSET_MS - Date.now());
  const downMs = Date.now();
  ctx.intake.setDown(true);
  const pendingAtDown = slotsBetween(opts.firstSlot * 1000, downMs, ctx.intervalSeconds).filter(
    (s) => !ctx.live.complete(s),
  ).length;
  progress(
    `outage drill: intake down for ${seconds(opts.outageMs)} (${pendingAtDown} slot(s) still in flight)`,
  );
  const tick = opts.outageMs > 5 * 60_000 ? 60_000 : 10_000;
  for (let elapsed = 0; elapsed < opts.outageMs;) {
    const step = Math.min(tick, opts.outageMs - elapsed);
    await sleep(step);
    elapsed += step;
    const started = slotsBetween(downMs, Date.now(), ctx.intervalSeconds).length;
    progress(
      `outage: ${seconds(elapsed)} of ${seconds(opts.outageMs)}, ` +
        `${(ctx.intake.posts[503] ?? 0) - refusedBefore} POSTs refused, ${started} slot(s) due meanwhile`,
    );
  }
  const upMs = Date.now();
  ctx.intake.setDown(false);

  const before = slotGrid(
    opts.firstSlot,
    slotAtOrBefore(downMs - 1, ctx.intervalSeconds),
    ctx.intervalSeconds,
  );
  const during = slotsBetween(downMs, upMs, ctx.intervalSeconds);
  const all = [...before, ...during];
  progress(`intake back up: waiting for the points of ${all.length} slot(s)`);
  const recovered = await waitUntil(() => all.every((s) => ctx.live.complete(s)), RECOVERY_TIMEOUT_MS, 100);
  const statuses = all.map((s) => ctx.live.check(s));
  const duringStatuses = statuses.slice(before.length);
  const lastArrival = Math.max(...statuses.map((s) => s.completeMs ?? 0));
  const waits = duringStatuses
    .filter((s) => s.completeMs !== undefined)
    .map((s) => s.completeMs! - s.slot * 1000);

  const runs = new Set((await scheduledRuns(ctx.client, ctx.deployment.scheduleId)).map((r) => r.slot));
  const result: DrillResult = {
    outageMs: upMs - downMs,
    downAt: new Date(downMs).toISOString(),
    upAt: new Date(upMs).toISOString(),
    slotsInOutage: during.length,
    inFlightAtDown: pendingAtDown,
    before: tally(statuses.slice(0, before.length)),
    during: tally(duringStatuses),
    total: tally(statuses),
    ...(recovered ? { recoveryMs: Math.max(0, lastArrival - upMs) } : {}),
    ...(waits.length ? { longestSlotWaitMs: Math.max(...waits) } : {}),
    refusedPosts: (ctx.intake.posts[503] ?? 0) - refusedBefore,
    retriedAttempts: count(ctx.logCounts, RETRIED) - retriedBefore,
    schedule: {
      slotsDue: all.length,
      runsStarted: all.filter((s) => runs.has(s)).length,
      skipped: all.filter((s) => !runs.has(s)).map(iso),
    },
  };
  progress(
    `outage drill: ${result.total.received}/${result.total.expected} points arrived, ${result.total.lost} lost` +
      (result.recoveryMs !== undefined
        ? `, last one ${seconds(result.recoveryMs)} after the intake came back`
        : ''),
  );
  return result;
}

export interface DeadlineRun {
  readonly workflowId: string;
  readonly asOf: string;
  /** Its submission deadline: asOf + 55 min (no historical ingestion). */
  readonly deadline: string;
  /** When the deadline fell, counted from the start of the outage. */
  readonly deadlineAfterOutageStartMs: number;
  readonly mode?: string;
  readonly expected: number;
  /** Points of the slot that arrived at the intake with the right value. */
  readonly received: number;
  /** Points the run gave up on and counted (its result's `dropped`). */
  readonly dropped: number;
  /** Expected, neither received nor counted as dropped: silently lost (goal 0). */
  readonly unaccounted: number;
  readonly error?: string;
}

export interface DeadlineResult {
  readonly outageMs: number;
  /** A slot whose deadline passes 5 s into the outage: its points must be dropped and counted. */
  readonly pastDeadline: DeadlineRun;
  /** A slot whose deadline falls 60 s after the outage: nothing may be dropped. */
  readonly insideDeadline: DeadlineRun;
  /** `collector.<live>.points_dropped` as it reached the intake during this phase. */
  readonly pointsDroppedMetric: {
    readonly sum: number;
    readonly nonZeroPoints: number;
    readonly tags: string[];
  };
  /** The sink's "dropping the unsent points" log lines. */
  readonly gaveUpLogLines: number;
  /** Live slots due during this outage (they must lose nothing). */
  readonly live: Tally;
}

export async function deadlinePhase(ctx: OpsContext, opts: { outageMs: number }): Promise<DeadlineResult> {
  const gaveUpBefore = count(ctx.logCounts, GAVE_UP);
  const phaseStart = Date.now();
  ctx.intake.setDown(true);
  const downMs = Date.now();
  // asOf such that asOf + 55 min lands at the chosen instant: the slot has been "retrying" that long.
  const asOfFor = (deadlineMs: number) => Math.floor((deadlineMs - WITHOUT_HMI_GIVE_UP_AFTER_MS) / 1000);
  const past = asOfFor(downMs + 5_000);
  const inside = asOfFor(downMs + opts.outageMs + 60_000);
  progress(
    `deadline phase: intake down for ${seconds(opts.outageMs)}; manual cycles for ${iso(past)} ` +
      `(deadline 5 s into the outage) and ${iso(inside)} (deadline 60 s after it)`,
  );
  const start = (asOf: number, label: string) =>
    ctx.client.workflow.start<typeof collectionCycle>('collectionCycle', {
      taskQueue: ctx.taskQueue,
      workflowId: `${ctx.deployment.name}-deadline-${label}`,
      args: [{ collector: LIVE, asOf: iso(asOf) }],
    });
  const [pastHandle, insideHandle] = await Promise.all([start(past, 'past'), start(inside, 'inside')]);
  await sleep(Math.max(0, opts.outageMs - (Date.now() - downMs)));
  const upMs = Date.now();
  ctx.intake.setDown(false);
  progress('intake back up: waiting for both cycles and the live slots');

  const liveSlots = slotsBetween(downMs, upMs, ctx.intervalSeconds);
  const [pastRun, insideRun] = await Promise.all([
    deadlineRun(ctx, pastHandle, past, downMs),
    deadlineRun(ctx, insideHandle, inside, downMs),
  ]);
  const droppedName = `collector.${LIVE}.points_dropped`;
  const droppedPoints = () =>
    ctx.intake.health.filter((p) => p.metric === droppedName && p.arrivedMs >= phaseStart);
  await waitUntil(
    () => liveSlots.every((s) => ctx.live.complete(s)) && droppedPoints().some((p) => p.value > 0),
    RECOVERY_TIMEOUT_MS,
    100,
  );
  const nonZero = droppedPoints().filter((p) => p.value > 0);
  const result: DeadlineResult = {
    outageMs: upMs - downMs,
    pastDeadline: pastRun,
    insideDeadline: insideRun,
    pointsDroppedMetric: {
      sum: droppedPoints().reduce((n, p) => n + p.value, 0),
      nonZeroPoints: nonZero.length,
      tags: [...new Set(nonZero.flatMap((p) => p.tags))].sort(),
    },
    gaveUpLogLines: count(ctx.logCounts, GAVE_UP) - gaveUpBefore,
    live: tally(liveSlots.map((s) => ctx.live.check(s))),
  };
  progress(
    `deadline phase: past-deadline slot ${result.pastDeadline.dropped}/${result.pastDeadline.expected} dropped and counted, ` +
      `${result.pastDeadline.unaccounted} unaccounted; the other lost ${result.insideDeadline.expected - result.insideDeadline.received}`,
  );
  return result;
}

async function deadlineRun(
  ctx: OpsContext,
  handle: WorkflowHandle<typeof collectionCycle>,
  asOf: number,
  downMs: number,
): Promise<DeadlineRun> {
  let result: CycleResult | undefined;
  let error: string | undefined;
  try {
    result = await Promise.race([
      handle.result(),
      sleep(RECOVERY_TIMEOUT_MS).then(() => {
        throw new Error(`no result within ${seconds(RECOVERY_TIMEOUT_MS)}`);
      }),
    ]);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const status = ctx.live.check(asOf);
  const dropped = result?.dropped ?? 0;
  const deadlineMs = asOf * 1000 + WITHOUT_HMI_GIVE_UP_AFTER_MS;
  return {
    workflowId: handle.workflowId,
    asOf: iso(asOf),
    deadline: new Date(deadlineMs).toISOString(),
    deadlineAfterOutageStartMs: deadlineMs - downMs,
    ...(result ? { mode: result.mode } : {}),
    expected: status.expected,
    received: status.received,
    dropped,
    unaccounted: Math.max(0, status.expected - status.received - dropped),
    ...(error ? { error } : {}),
  };
}
