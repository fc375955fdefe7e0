/**
 * Custom-metric cardinality estimate: Datadog bills every distinct (metric name, tag set) as one
 * custom metric. Per metric: targets × Π(values of each point tag). Common tags (collector, env,
 * service) are constant within a deployment and don't multiply.
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

/** Health series: each cycle gauge once per mode, and each per-unit gauge (tagged `group`) per unit and mode. */
export function estimateHealthCardinality(groups: number, targets: number): number {
  const modes = HEALTH_TAGS.mode.values.length;
  const specs: readonly { readonly tags: readonly string[] }[] = Object.values(HEALTH_METRICS);
  const perUnit = specs.filter((h) => h.tags.includes('group')).length;
  const perCycle = specs.length - perUnit;
  return perCycle * modes + perUnit * groups * targets * modes;
}
