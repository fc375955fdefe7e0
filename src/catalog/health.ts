/**
 * The health metrics every cycle sends (docs/metrics.md#health), declared once. Each collector's health
 * catalog derives from this declaration, and the workflow builds health points from it
 * (src/workflows/health.ts).
 */
import { catalog, metric } from './declare';
import type { Catalog, MeasureUnit, MetricDef } from './model';

export const HEALTH_TAGS = {
  mode: { description: 'How the run was started.', values: ['scheduled', 'manual', 'backfill'] },
  group: { description: 'The metric group of the unit.' },
} as const;

interface HealthMetricSpec {
  readonly unit: MeasureUnit;
  readonly tags: readonly (keyof typeof HEALTH_TAGS)[];
  readonly description: string;
  /** One series per unit (group × target, with the target tags), not one per group. */
  readonly perTarget?: true;
}

/** By the name's suffix after `collector.<name>.`. */
export const HEALTH_METRICS = {
  duration_seconds: {
    unit: 'second',
    tags: ['mode'],
    description: "Wall time of the cycle's collect phase.",
  },
  error_count: {
    unit: 'count',
    tags: ['mode'],
    description: 'Units (group × target) that failed in this cycle.',
  },
  metric_count: {
    unit: 'count',
    tags: ['mode'],
    description: 'Points submitted for this cycle, after validation, health excluded.',
  },
  invalid_points: {
    unit: 'count',
    tags: ['mode'],
    description: 'Points dropped by catalog validation (a collector bug to fix).',
  },
  points_dropped: {
    unit: 'count',
    tags: ['mode'],
    description: 'Points given up after the submission deadline (Datadog unreachable too long).',
  },
  'group.success': {
    unit: 'flag',
    tags: ['mode', 'group'],
    description:
      '1 if that unit (group × target) succeeded, 0 if it failed; tagged `group` and the target tags.',
    perTarget: true,
  },
  'group.skipped': {
    unit: 'count',
    tags: ['mode', 'group'],
    description:
      'Units (group × target) of that group the collector left out of this cycle: they send no point and are no failure; 0 when none.',
  },
} as const satisfies Readonly<Record<string, HealthMetricSpec>>;

export type HealthSuffix = keyof typeof HEALTH_METRICS;

const SUFFIXES = Object.keys(HEALTH_METRICS) as HealthSuffix[];

export function healthMetricDefs(collector: string): MetricDef[] {
  return SUFFIXES.map((suffix) => {
    const { unit, tags, description } = HEALTH_METRICS[suffix];
    return metric({
      name: `collector.${collector}.${suffix}`,
      unit,
      group: 'health',
      // Health describes the run itself, so it is true for a past slot too.
      backfill: true,
      tags,
      description,
    });
  });
}

/** The health catalog of one collector: what validation, docs and cardinality read. */
export function healthCatalog(collector: string): Catalog {
  return catalog({
    collector,
    targetTags: {},
    tags: HEALTH_TAGS,
    groups: [{ name: 'health', description: 'Emitted by every cycle.', timeout: '1m' }],
    metrics: healthMetricDefs(collector),
  });
}
