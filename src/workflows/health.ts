/**
 * Health points, built here from the health metrics declared in src/catalog/health.ts. Pure code:
 * the workflow builds them at the end of a cycle, `collectors collect --push` the same way.
 */
import type { HEALTH_METRICS, HealthSuffix } from '../catalog/health';
import type { DataPoint, DatadogUnitOf } from '../catalog/model';
import { WITHOUT_HMI_GIVE_UP_AFTER_MS } from './intake-window';
import type { Mode, UnitOutcome } from './types';

/**
 * The Datadog unit of each health metric. Workflow code cannot import the catalog's values, so the
 * units are written out here, and the compiler holds each one to the unit the catalog declares.
 */
const DATADOG_UNITS: {
  readonly [Suffix in HealthSuffix]: DatadogUnitOf<(typeof HEALTH_METRICS)[Suffix]['unit']>;
} = {
  duration_seconds: 'second',
  error_count: 'item',
  metric_count: 'item',
  invalid_points: 'item',
  points_dropped: 'item',
  'group.success': undefined,
};

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
  /** Tags of each target by id, for `group.success`. */
  readonly targetTags: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly submitted: number;
  readonly dropped: number;
}

export function healthPoints(input: HealthInput): DataPoint[] {
  const base = [...input.commonTags, `mode:${input.mode}`];
  const gauge = (suffix: HealthSuffix, value: number, tags: string[] = base): DataPoint => {
    const unit = DATADOG_UNITS[suffix];
    return {
      metric: `collector.${input.collector}.${suffix}`,
      type: 'gauge',
      value,
      timestamp: input.timestamp,
      tags: [...tags].sort(),
      ...(unit ? { unit } : {}),
    };
  };
  const invalid = input.outcomes.reduce((n, o) => n + o.invalid, 0);
  return [
    gauge('duration_seconds', input.durationSeconds),
    gauge('error_count', input.outcomes.filter((o) => !o.ok).length),
    gauge('metric_count', input.submitted),
    gauge('invalid_points', invalid),
    gauge('points_dropped', input.dropped),
    ...input.outcomes.map((o) =>
      gauge('group.success', o.ok ? 1 : 0, [
        ...base,
        `group:${o.group}`,
        ...Object.entries(input.targetTags[o.target] ?? {}).map(([k, v]) => `${k}:${v.toLowerCase()}`),
      ]),
    ),
  ];
}
