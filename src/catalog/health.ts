/** The health metrics (declared in src/workflows/health.ts) as catalog entries, for docs and cardinality. */
import { HEALTH_METRICS } from '../workflows/health';
import type { MetricDef } from './model';

export const HEALTH_TAGS = {
  mode: { description: 'How the run was started.', values: ['scheduled', 'manual', 'backfill'] },
  group: { description: 'The metric group of the unit.' },
} as const;

export function healthMetricDefs(collector: string): MetricDef[] {
  return HEALTH_METRICS.map((h) => ({
    name: `collector.${collector}.${h.suffix}`,
    type: 'gauge',
    unit: h.unit,
    description: h.description,
    group: 'health',
    tags: h.suffix === 'group.success' ? ['mode', 'group'] : ['mode'],
    backfill: true,
  }));
}
