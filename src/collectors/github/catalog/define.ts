import type { MetricDef, Unit } from '../../../catalog/model';

/** Every GitHub metric is a gauge: rolling windows re-sent each cycle must never be summed by rollups. */
export function gauge(
  group: string,
  name: string,
  unit: Unit,
  backfill: boolean,
  description: string,
  tags: readonly string[] = [],
): MetricDef {
  return { name, type: 'gauge', unit, group, tags, backfill, description };
}

/** Window phrases shared by the descriptions, so every metric says its window the same way. */
export const W = 'in W = (asOf − 7 d, asOf]';
export const NOW = 'at asOf';
