/**
 * Runs one unit (group × target) of a collector and turns its points into validated wire points.
 * The `collectGroup` activity and `collectors collect` both call this, so a unit behaves the same
 * with and without Temporal.
 */
import { checkPoints, toDataPoints, type InvalidPoint } from '../catalog/points';
import type { DataPoint } from '../catalog/model';
import type { Collector, Sample, Target } from '../collectors/types';
import type { Logger } from '../log';
import type { SecretResolver } from '../secrets/types';
import type { Mode } from '../workflows/types';
import { rollupGroups } from './rollup';

export interface UnitRun {
  readonly collector: Collector;
  readonly settings: unknown;
  readonly group: string;
  readonly target: Target;
  readonly asOf: Date;
  readonly mode: Mode;
  readonly commonTags: readonly string[];
  readonly secrets: SecretResolver;
  readonly log: Logger;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
  readonly attempt: number;
  heartbeat(details?: unknown): void;
}

export interface UnitResult {
  readonly points: DataPoint[];
  readonly invalid: readonly InvalidPoint[];
  /** Valid points left out because this is a backfill and their metric can't be backfilled. */
  readonly skipped: number;
  /** The unit's sample for the collector's roll-up, when it has one and the target rolls up. */
  readonly sample?: Sample;
}

export async function runUnit(run: UnitRun): Promise<UnitResult> {
  const { collector, group, target } = run;
  const log = run.log.child({ collector: collector.name, group, target: target.id });
  let sample: Sample | undefined;
  const emitted = await collector.collect({
    asOf: run.asOf,
    group,
    target,
    settings: run.settings,
    secrets: run.secrets,
    log,
    fetch: run.fetch,
    heartbeat: (details) => run.heartbeat(details),
    signal: run.signal,
    attempt: run.attempt,
    sample: (s) => {
      sample = s;
    },
  });
  const check = checkPoints(collector.catalog, emitted, { group, backfill: run.mode === 'backfill' });
  for (const bad of check.invalid) {
    log.warn('point dropped by catalog validation', { metric: bad.point.metric, reason: bad.reason });
  }
  if (check.skipped.length) {
    log.info('backfill: metrics without backfill support skipped', {
      metrics: [...new Set(check.skipped.map((p) => p.metric))],
    });
  }
  const points = toDataPoints(collector.catalog, check.valid, {
    asOf: run.asOf,
    commonTags: run.commonTags,
    targetTags: target.tags,
    group,
  });
  const rolls = rollupGroups(collector).has(group) && rollupKeyOf(collector, target) !== undefined;
  return {
    points,
    invalid: check.invalid,
    skipped: check.skipped.length,
    ...(rolls && sample ? { sample } : {}),
  };
}

/** The value of the catalog's roll-up key tag on this target (its `org`), if the catalog rolls up. */
export function rollupKeyOf(collector: Collector, target: Target): string | undefined {
  const key = collector.catalog.rollup?.key;
  const value = key === undefined ? undefined : target.tags[key];
  return value === undefined ? undefined : value.toLowerCase();
}
