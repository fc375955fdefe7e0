/**
 * A cycle without Temporal, for `collectors collect`: the same planning and the same unit code as
 * the activities, units run side by side in-process, each bounded by its group's timeout. One
 * attempt per unit (no retry layer here: the command reports what failed and exits 1). The units
 * the plan skips (the collector's `skipUnits`) do not run, as in a cycle.
 */
import type { DataPoint } from '../catalog/model';
import type { Logger } from '../log';
import type { SecretResolver } from '../secrets/types';
import type { CyclePlan, RollupOutcome, UnitOutcome, UnitSample } from '../workflows/types';
import { mapLimit } from '../util/map-limit';
import { skippedKeys } from '../workflows/skipped';
import { planCycle } from './plan';
import { runRollup } from './rollup';
import { rollupKeyOf, runUnit } from './run-unit';
import type { Runtime } from './runtime';

export interface LocalCycleRequest {
  readonly runtime: Runtime;
  readonly collector: string;
  readonly asOf: Date;
  /** Only this group, when set. */
  readonly group?: string;
  readonly secrets: SecretResolver;
  readonly log: Logger;
  readonly fetch: typeof fetch;
  /** Units in flight at once. */
  readonly concurrency?: number;
  readonly now?: () => Date;
}

export interface LocalCycleResult {
  readonly plan: CyclePlan;
  readonly points: DataPoint[];
  readonly outcomes: UnitOutcome[];
  /** Each roll-up's outcome (docs/metrics.md#roll-ups), when the collector rolls up. */
  readonly rollups?: RollupOutcome[];
  readonly durationSeconds: number;
}

export async function collectLocal(req: LocalCycleRequest): Promise<LocalCycleResult> {
  const now = req.now ?? (() => new Date());
  const startedAt = now();
  const plan = await planCycle({
    runtime: req.runtime,
    collector: req.collector,
    asOf: req.asOf,
    startedAt,
    scheduled: false,
    secrets: req.secrets,
    log: req.log,
    fetch: req.fetch,
    signal: AbortSignal.timeout(5 * 60_000),
  });
  const groups = req.group ? plan.groups.filter((g) => g.name === req.group) : plan.groups;
  const skipped = plan.skipped?.filter((s) => groups.some((g) => g.name === s.group)) ?? [];
  const skip = skippedKeys(skipped);
  const units = plan.targets.flatMap((target) =>
    groups.filter((g) => !skip.has(`${g.name}\u0000${target.id}`)).map((group) => ({ group, target })),
  );
  const { collector, settings } = req.runtime.collector(plan.collector);
  const points: DataPoint[] = [];
  const samples: UnitSample[] = [];
  const outcomes = await mapLimit(
    units,
    req.concurrency ?? 8,
    async ({ group, target }): Promise<UnitOutcome> => {
      try {
        const signal = AbortSignal.timeout(group.timeoutMs);
        const work = runUnit({
          collector,
          settings,
          group: group.name,
          target,
          asOf: req.asOf,
          mode: plan.mode,
          commonTags: plan.commonTags,
          secrets: req.secrets,
          log: req.log,
          fetch: req.fetch,
          signal,
          attempt: 1,
          heartbeat: () => undefined,
        });
        const result = await untilAborted(signal, `timed out after ${group.timeoutMs} ms`, work);
        points.push(...result.points);
        if (result.sample) samples.push({ group: group.name, target: target.id, sample: result.sample });
        return {
          group: group.name,
          target: target.id,
          ok: true,
          points: result.points.length,
          invalid: result.invalid.length,
        };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        req.log.warn('unit failed', { group: group.name, target: target.id, error });
        return { group: group.name, target: target.id, ok: false, points: 0, invalid: 0, error };
      }
    },
  );
  // The same roll-ups as a cycle's, after every unit (a roll-up needs all of its group and key).
  const rollupGroups = plan.rollup?.groups.filter((g) => groups.some((p) => p.name === g)) ?? [];
  const byKey = new Map<string, string[]>();
  for (const target of plan.targets) {
    const key = rollupKeyOf(collector, target);
    if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), target.id]);
  }
  const rollups: RollupOutcome[] = [];
  for (const [key, targets] of byKey) {
    for (const group of rollupGroups) {
      try {
        const result = runRollup({
          collector,
          group,
          key,
          targets,
          samples,
          skipped,
          asOf: req.asOf,
          mode: plan.mode,
          commonTags: plan.commonTags,
          log: req.log,
        });
        points.push(...result.points);
        rollups.push({
          group,
          key,
          points: result.points.length,
          ...(result.absent ? { absent: result.absent } : {}),
        });
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        req.log.warn('roll-up failed', { group, key, error });
        rollups.push({ group, key, points: 0, error });
      }
    }
  }
  const rollup =
    plan.rollup && rollupGroups.length > 0 ? { ...plan.rollup, groups: rollupGroups } : undefined;
  const { rollup: _planned, skipped: _skipped, ...rest } = plan;
  return {
    plan: { ...rest, groups, ...(rollup ? { rollup } : {}), ...(skipped.length ? { skipped } : {}) },
    points,
    outcomes,
    ...(plan.rollup ? { rollups } : {}),
    durationSeconds: (now().getTime() - startedAt.getTime()) / 1000,
  };
}

/** A collector that ignores its signal must still not hold the command past the unit's timeout. */
function untilAborted<T>(signal: AbortSignal, message: string, work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(new Error(message)), { once: true }),
    ),
  ]);
}
