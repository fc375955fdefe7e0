/**
 * The health metrics of METRICS.md, declared once and built here. Pure code: the workflow builds
 * health points at the end of a cycle, `collectors collect --push` builds them the same way, and
 * src/catalog/health.ts turns the declaration into catalog entries for docs and cardinality.
 */
import type { DataPoint, Unit } from '../catalog/model';
import type { Mode, UnitOutcome } from './types';

export interface HealthMetric {
  readonly suffix: string;
  readonly unit: Unit;
  /** Datadog unit name (the catalog's mapping of `unit`), kept here because workflow code can't import values. */
  readonly datadogUnit?: string;
  readonly description: string;
}

export const HEALTH_METRICS: readonly HealthMetric[] = [
  {
    suffix: 'duration_seconds',
    unit: 'second',
    datadogUnit: 'second',
    description: "Wall time of the cycle's collect phase.",
  },
  {
    suffix: 'error_count',
    unit: 'count',
    datadogUnit: 'item',
    description: 'Units (group × target) that failed in this cycle.',
  },
  {
    suffix: 'metric_count',
    unit: 'count',
    datadogUnit: 'item',
    description: 'Points submitted for this cycle, after validation, health excluded.',
  },
  {
    suffix: 'invalid_points',
    unit: 'count',
    datadogUnit: 'item',
    description: 'Points dropped by catalog validation (a collector bug to fix).',
  },
  {
    suffix: 'points_dropped',
    unit: 'count',
    datadogUnit: 'item',
    description: 'Points given up after the submission deadline (Datadog unreachable too long).',
  },
  {
    suffix: 'group.success',
    unit: 'flag',
    description:
      '1 if that unit (group × target) succeeded, 0 if it failed; tagged `group` and the target tags.',
  },
];

export interface HealthInput {
  readonly collector: string;
  readonly commonTags: readonly string[];
  readonly mode: Mode;
  /** When the run ended (POSIX seconds): health describes the run, not the slot. */
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
  const metric = (suffix: string) => `collector.${input.collector}.${suffix}`;
  const unitOf = (suffix: string) => HEALTH_METRICS.find((h) => h.suffix === suffix)?.datadogUnit;
  const gauge = (suffix: string, value: number, tags: string[] = base): DataPoint => {
    const unit = unitOf(suffix);
    return {
      metric: metric(suffix),
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
