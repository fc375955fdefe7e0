/**
 * Roll-ups (docs/metrics.md#roll-ups): the points of one group for every target sharing one value of
 * the catalog's `rollup.key` tag (GitHub: the repositories of one `org`), computed by the collector
 * from the union of their units' samples. The `rollupGroup` activity and `collectors collect` both
 * call this, so a roll-up is the same with and without Temporal.
 *
 * Failure is no data: unless every planned unit of the group succeeded with a sample for every
 * target of the key, the roll-up is absent, never computed from some of the targets. A unit the
 * plan skipped counts as missing too.
 */
import { checkPoints, toDataPoints, type InvalidPoint } from '../catalog/points';
import { PermanentError } from '../errors';
import type { DataPoint } from '../catalog/model';
import type { Collector, Sample } from '../collectors/types';
import type { Logger } from '../log';
import { skippedAmong } from '../workflows/skipped';
import type { Mode, RollupPlan, SkippedUnits, UnitSample } from '../workflows/types';

export interface RollupRun {
  readonly collector: Collector;
  readonly group: string;
  /** The key tag's value, e.g. the organization. */
  readonly key: string;
  /** Every target of the key in the cycle, by id. */
  readonly targets: readonly string[];
  /** The samples of the group's units that succeeded. */
  readonly samples: readonly UnitSample[];
  /** The units the plan left out: a roll-up with one of them is absent, with its reason. */
  readonly skipped?: readonly SkippedUnits[];
  readonly asOf: Date;
  readonly mode: Mode;
  readonly commonTags: readonly string[];
  readonly log: Logger;
}

export interface RollupResult {
  readonly points: DataPoint[];
  readonly invalid: readonly InvalidPoint[];
  /** Why the roll-up is absent, when it is (a target without a sample: its unit failed or did not run). */
  readonly absent?: string;
}

/** The groups that have a roll-up metric: the only ones whose units hand in a sample worth sending. */
export function rollupGroups(collector: Collector): Set<string> {
  if (!collector.rollup || !collector.catalog.rollup) return new Set();
  return new Set(collector.catalog.metrics.filter((m) => m.rollupOf !== undefined).map((m) => m.group));
}

/** The cycle's roll-up, for a plan: the collector's key tag and which of the planned groups roll up. */
export function rollupPlan(collector: Collector, plannedGroups: readonly string[]): RollupPlan | undefined {
  const key = collector.catalog.rollup?.key;
  const rolling = rollupGroups(collector);
  const groups = plannedGroups.filter((g) => rolling.has(g));
  return key === undefined || groups.length === 0 ? undefined : { key, groups };
}

export function runRollup(run: RollupRun): RollupResult {
  const { collector, group, key } = run;
  const rollupKey = collector.catalog.rollup?.key;
  if (!collector.rollup || rollupKey === undefined) {
    throw new Error(`${collector.name} declares no roll-up`);
  }
  const log = run.log.child({ collector: collector.name, group, rollup: `${rollupKey}:${key}` });
  const byTarget = new Map<string, Sample>();
  for (const s of run.samples) if (s.group === group) byTarget.set(s.target, s.sample);
  const missing = run.targets.filter((t) => !byTarget.has(t));
  if (run.targets.length === 0 || missing.length > 0) {
    const skipped = skippedAmong(run.skipped, group, missing);
    const why = skipped.count
      ? `${skipped.count} unit(s) skipped (${skipped.reasons.join('; ')})` +
        (skipped.count < missing.length ? ', the others failed or did not run' : '')
      : 'their unit failed or did not run';
    const absent =
      run.targets.length === 0
        ? 'no target'
        : `no sample of ${missing.length} of ${run.targets.length} targets (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}): ${why}`;
    log.warn('roll-up left out', { reason: absent });
    return { points: [], invalid: [], absent };
  }
  const samples = run.targets.map((t) => byTarget.get(t)!);
  let emitted;
  try {
    emitted = collector.rollup.compute({ group, key, samples });
  } catch (err) {
    // A pure computation over the same samples fails the same way again: no retry can help.
    const reason = err instanceof Error ? err.message : String(err);
    throw new PermanentError(
      `${collector.name}: the ${group} roll-up of ${rollupKey}:${key} failed: ${reason}`,
      undefined,
      {
        cause: err,
      },
    );
  }
  const check = checkPoints(collector.catalog, emitted, {
    group,
    backfill: run.mode === 'backfill',
    rollup: true,
  });
  for (const bad of check.invalid) {
    log.warn('point dropped by catalog validation', { metric: bad.point.metric, reason: bad.reason });
  }
  const points = toDataPoints(collector.catalog, check.valid, {
    asOf: run.asOf,
    commonTags: run.commonTags,
    // The key tag alone: a roll-up is no single target's, so neither its other target tags nor any
    // target's configured tags apply.
    targetTags: { [rollupKey]: key },
  });
  return { points, invalid: check.invalid };
}
