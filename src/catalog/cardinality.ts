/**
 * Custom-metric cardinality estimate: Datadog bills every distinct (metric name, tag set) as one
 * custom metric. Per metric: targets × Π(values of each point tag). Common tags (collector, env,
 * service, version, the configured tags) are constant within a deployment and don't multiply, nor do
 * a target's configured tags; a new version does start new series. A roll-up metric (one series per
 * value of its key, e.g. per GitHub org) is counted per target too: an upper bound, reached when each
 * target is a key of its own.
 */
import { HEALTH_METRICS, HEALTH_TAGS } from './health';
import { EVERY_GROUP, type Catalog } from './model';

export interface CardinalityEstimate {
  readonly collector: string;
  readonly targets: number;
  readonly metrics: number;
  /** Distinct series per target. */
  readonly perTarget: number;
  readonly total: number;
}

export function estimateCardinality(catalog: Catalog, targets: number): CardinalityEstimate {
  const live = catalog.metrics.filter((m) => !m.deprecated);
  const perTarget = live.reduce(
    (sum, m) =>
      sum +
      m.tags.reduce(
        (product, key) => {
          const def = catalog.tags[key];
          return product * (def?.values?.length ?? def?.estimatedValues ?? 1);
        },
        // A metric of every group has one series per group (its `group` tag).
        m.group === EVERY_GROUP ? catalog.groups.length : 1,
      ),
    0,
  );
  return {
    collector: catalog.collector,
    targets,
    metrics: live.length,
    perTarget,
    total: perTarget * targets,
  };
}

/** The terms of the health series estimate, so that it can be explained where it is shown. */
export interface HealthCardinality {
  /** Gauges of the cycle as a whole (duration, error count, …). */
  readonly cycleGauges: number;
  /** Gauges of each group, tagged `group` (group.skipped). */
  readonly groupGauges: number;
  /** Gauges of each unit, tagged `group` and the target tags (group.success). */
  readonly unitGauges: number;
  /** Values of the `mode` tag (scheduled, manual, backfill): each is its own series. */
  readonly modes: number;
  readonly groups: number;
  readonly targets: number;
  /** cycleGauges × modes + groupGauges × groups × modes + unitGauges × groups × targets × modes. */
  readonly total: number;
}

/**
 * Health series: each cycle gauge once per mode, each per-group gauge (tagged `group`) per group and
 * mode, and each per-unit gauge (tagged `group` and the target tags) per unit and mode.
 */
export function healthCardinality(groups: number, targets: number): HealthCardinality {
  const modes = HEALTH_TAGS.mode.values.length;
  const specs: readonly { readonly tags: readonly string[]; readonly perTarget?: true }[] =
    Object.values(HEALTH_METRICS);
  const unitGauges = specs.filter((h) => h.perTarget).length;
  const groupGauges = specs.filter((h) => !h.perTarget && h.tags.includes('group')).length;
  const cycleGauges = specs.length - unitGauges - groupGauges;
  const total = cycleGauges * modes + groupGauges * groups * modes + unitGauges * groups * targets * modes;
  return { cycleGauges, groupGauges, unitGauges, modes, groups, targets, total };
}

export function estimateHealthCardinality(groups: number, targets: number): number {
  return healthCardinality(groups, targets).total;
}
