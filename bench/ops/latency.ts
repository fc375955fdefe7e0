/**
 * Phase 1, slot → intake latency: the live collector's schedule (every 5 s, created by the project's
 * sync from the config file) fires; for each slot, the time from its nominal time to the arrival of its
 * last data point at the intake, through the worker and the real Datadog sink.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { progress } from '../driver/temporal';
import { percentiles, slotLatencies, type OpsContext, type Percentiles, type SlotLatency } from './context';
import { syncFromConfig } from './deployment';
import { iso, scheduledRuns, slotGrid, waitUntil } from './slots';

export interface LatencyResult {
  readonly scheduleId: string;
  readonly syncAction: string;
  /** The schedule's first slot: a warm-up, not measured. */
  readonly warmup: SlotLatency;
  readonly slots: SlotLatency[];
  readonly summary?: Percentiles;
  /** Measured slots whose points did not all arrive in time (goal: none). */
  readonly incomplete: string[];
}

export async function measureSlotLatency(
  ctx: OpsContext,
  slots: number,
): Promise<LatencyResult & { firstSlot: number }> {
  const changes = await syncFromConfig(ctx.client, ctx.deployment);
  const change = changes.find((c) => c.scheduleId === ctx.deployment.scheduleId);
  if (!change) throw new Error(`schedules sync did not create ${ctx.deployment.scheduleId}`);
  progress(`schedules sync: ${change.scheduleId} ${change.action} (every ${ctx.intervalSeconds} s)`);

  const firstSlot = await waitForFirstRun(ctx);
  progress(`first slot ${iso(firstSlot)} (warm-up); measuring the next ${slots}`);
  const measured = slotGrid(
    firstSlot + ctx.intervalSeconds,
    firstSlot + slots * ctx.intervalSeconds,
    ctx.intervalSeconds,
  );
  const last = measured[measured.length - 1]!;
  const timeoutMs = last * 1000 - Date.now() + 60_000;
  let reported = 0;
  await waitUntil(() => {
    const done = measured.filter((s) => ctx.live.complete(s)).length;
    if (done >= reported + 5 || (done === measured.length && done > reported)) {
      reported = done;
      progress(`latency: ${done}/${measured.length} slots at the intake`);
    }
    return done === measured.length;
  }, timeoutMs);
  const [warmup, ...rest] = slotLatencies([firstSlot, ...measured].map((s) => ctx.live.check(s)));
  const values = rest.map((s) => s.latencyMs).filter((v): v is number => v !== undefined);
  return {
    firstSlot,
    scheduleId: change.scheduleId,
    syncAction: change.action,
    warmup: warmup!,
    slots: rest,
    ...(values.length ? { summary: percentiles(values)! } : {}),
    incomplete: rest.filter((s) => s.latencyMs === undefined).map((s) => s.slot),
  };
}

/** The schedule's first run, from Temporal's visibility (a schedule fires on multiples of its interval). */
async function waitForFirstRun(ctx: OpsContext): Promise<number> {
  const waitMs = ctx.intervalSeconds * 2000 + 30_000;
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const runs = await scheduledRuns(ctx.client, ctx.deployment.scheduleId);
    if (runs.length) return runs[0]!.slot;
    await sleep(250);
  }
  throw new Error(`schedule ${ctx.deployment.scheduleId} started no run within ${waitMs} ms`);
}
