/**
 * Health points, built from the health metrics declared in src/catalog/health.ts by the same
 * conversion as every collector's points. Pure code: the workflow builds them at the end of a cycle,
 * `collectors collect --push` the same way.
 */
import { healthCatalog, type HealthSuffix } from '../catalog/health';
import type { DataPoint, Point } from '../catalog/model';
import { toDataPoints } from '../catalog/points';
import { WITHOUT_HMI_GIVE_UP_AFTER_MS } from './intake-window';
import type { Mode, SkippedUnits, UnitOutcome } from './types';

/**
 * Health points of a run are stamped at its slot while the slot is recent, so that two cycles
 * finishing in the same second (a backlog draining after an incident) never write the same series
 * and timestamp (Datadog would keep one). A slot older than this period is too old to be sure that
 * Datadog still takes it, so the stamp becomes the latest second, at or before the end of the run,
 * that is congruent with the slot modulo the period: runs with different slots still get different
 * stamps, unless their slots differ by a multiple of the period. The period is prime (about 20
 * minutes), so slots a day, an hour or any whole number of minutes apart never do, over 1,201
 * consecutive slots.
 */
export const HEALTH_STAMP_PERIOD_S = 1201;

export interface HealthTiming {
  /** POSIX seconds. */
  readonly timestamp: number;
  /** After this instant (ISO 8601), unsent health points are given up. */
  readonly deadline: string;
}

/** The stamp and submission deadline of the health points of a run of `asOf` that ended at `endMs`. */
export function healthTiming(asOf: string, endMs: number): HealthTiming {
  const slot = Math.floor(Date.parse(asOf) / 1000);
  const end = Math.floor(endMs / 1000);
  const behind = end - slot;
  const timestamp =
    end - (((behind % HEALTH_STAMP_PERIOD_S) + HEALTH_STAMP_PERIOD_S) % HEALTH_STAMP_PERIOD_S);
  return { timestamp, deadline: new Date(timestamp * 1000 + WITHOUT_HMI_GIVE_UP_AFTER_MS).toISOString() };
}

export interface HealthInput {
  readonly collector: string;
  readonly commonTags: readonly string[];
  readonly mode: Mode;
  /** POSIX seconds, from healthTiming: the slot while it is recent, else a second unique to the slot. */
  readonly timestamp: number;
  readonly durationSeconds: number;
  readonly outcomes: readonly UnitOutcome[];
  /** The groups of the cycle: each gets its `group.skipped`, 0 when none of its units was skipped. */
  readonly groups: readonly string[];
  /** The units the plan left out. */
  readonly skipped?: readonly SkippedUnits[];
  /** Tags of each target by id, for `group.success`. */
  readonly targetTags: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly submitted: number;
  readonly dropped: number;
  /** Points of the roll-ups the catalog rejected. */
  readonly rollupInvalid?: number;
}

export function healthPoints(input: HealthInput): DataPoint[] {
  const catalog = healthCatalog(input.collector);
  const point = (suffix: HealthSuffix, value: number, tags: Record<string, string> = {}): Point => ({
    metric: `collector.${input.collector}.${suffix}`,
    value,
    tags: { mode: input.mode, ...tags },
  });
  const convert = (points: Point[], targetTags: Readonly<Record<string, string>> = {}) =>
    toDataPoints(catalog, points, {
      asOf: new Date(input.timestamp * 1000),
      commonTags: input.commonTags,
      targetTags,
    });
  const invalid = input.outcomes.reduce((n, o) => n + o.invalid, 0) + (input.rollupInvalid ?? 0);
  return [
    ...convert([
      point('duration_seconds', input.durationSeconds),
      point('error_count', input.outcomes.filter((o) => !o.ok).length),
      point('metric_count', input.submitted),
      point('invalid_points', invalid),
      point('points_dropped', input.dropped),
    ]),
    ...convert(
      input.groups.map((group) =>
        point(
          'group.skipped',
          (input.skipped ?? []).filter((s) => s.group === group).reduce((n, s) => n + s.targets.length, 0),
          { group },
        ),
      ),
    ),
    ...input.outcomes.flatMap((o) =>
      convert([point('group.success', o.ok ? 1 : 0, { group: o.group })], input.targetTags[o.target]),
    ),
  ];
}
