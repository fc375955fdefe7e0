/**
 * Datadog metric metadata (`PUT /api/v1/metrics/{name}`), generated from a catalog: every metric is a
 * gauge, with the Datadog unit of its catalog unit, a per-unit where its name says it is a rate, a
 * short name and the catalog description.
 *
 * Only the client's types are imported: the Datadog client must not load when the CLI starts.
 */
import type { v1 } from '@datadog/datadog-api-client';
import { healthCatalog } from '../../catalog/health';
import { UNITS, type Catalog, type MetricDef } from '../../catalog/model';

/**
 * The metadata of one metric.
 *
 * Unit: the catalog unit's Datadog name (UNITS in src/catalog/model.ts; `count` is sent as `item`).
 * The units without a Datadog equivalent (`run`, `line`, `gpu`, `flag`, `value`) are sent without a
 * unit: Datadog then shows the bare number, and the description says what it counts.
 *
 * Per unit: the catalog has no per-unit of its own, so it comes from the metric's name, where the
 * name states a rate: `…_hourly` is per hour, `…daily…` per day, `…per_developer…` and `…per_user…`
 * per user. A monthly figure (`…monthly…`) is sent without one: Datadog's time units stop at the
 * week, so "per month" stays in the description. Other ratios (`avg_comments_per_pr`) have no Datadog
 * unit for their denominator and are sent without one too, and so is a metric without a unit
 * (`wandb.runs.per_user_7d` counts runs, which Datadog has no unit for).
 *
 * Description: the catalog's sentence as it is; the client's model documents no length limit for it
 * nor for the short name.
 */
export function metricMetadata(def: MetricDef): v1.MetricMetadata {
  const unit: string | undefined = UNITS[def.unit].datadog;
  const perUnit = perUnitOf(def.name);
  return {
    type: 'gauge',
    ...(unit !== undefined ? { unit } : {}),
    ...(unit !== undefined && perUnit !== undefined ? { perUnit } : {}),
    shortName: shortNameOf(def.name),
    description: def.description,
  };
}

/** The Datadog per-unit a metric's name states, if any (see metricMetadata). */
export function perUnitOf(name: string): string | undefined {
  const leaf = name.slice(name.lastIndexOf('.') + 1);
  if (/(^|_)hourly$/.test(leaf)) return 'hour';
  if (/(^|_)daily(_|$)/.test(leaf)) return 'day';
  if (/(^|_)per_(developer|user)(_|$)/.test(leaf)) return 'user';
  return undefined;
}

/**
 * A readable short name: the name without its collector prefix, dots and underscores as spaces
 * (`github.prs.avg_time_to_merge_hours` → `prs avg time to merge hours`; a health metric
 * `collector.github.error_count` → `error count`).
 */
export function shortNameOf(name: string): string {
  const parts = name.split('.');
  const rest = parts[0] === 'collector' ? parts.slice(2) : parts.slice(1);
  return rest.join(' ').replace(/_/g, ' ');
}

/** Metadata of every metric of a collector: its catalog's, then its health metrics', by metric name. */
export function collectorMetricMetadata(catalog: Catalog): Map<string, v1.MetricMetadata> {
  const out = new Map<string, v1.MetricMetadata>();
  for (const def of [...catalog.metrics, ...healthCatalog(catalog.collector).metrics]) {
    out.set(def.name, metricMetadata(def));
  }
  return out;
}
