/**
 * The organization metrics (docs/metrics.md#roll-ups): each statistic that does not add up across
 * repositories, again over the union of the events of every repository of the organization in the
 * cycle. Counts that add up have none: a sum by `org` of the per-repository series is exact.
 */
import { rollupMetric } from '../../../catalog/declare';
import type { MetricDef } from '../../../catalog/model';
import { ciMetrics } from './ci';
import { commitsMetrics } from './commits';
import { pullsMetrics } from './pulls';

const SCOPE =
  "Over every repository of the org in the cycle together (absent unless each one's unit of the group succeeded)";

type Declared = (typeof pullsMetrics)[number] | (typeof commitsMetrics)[number] | (typeof ciMetrics)[number];

function org<const Name extends Declared['name']>(name: Name) {
  const def = [...pullsMetrics, ...commitsMetrics, ...ciMetrics].find((m) => m.name === name);
  if (!def) throw new Error(`${name} is not declared`);
  return rollupMetric('org', def as MetricDef<Name, never>, SCOPE);
}

export const orgMetrics = [
  org('github.prs.avg_time_to_merge_hours'),
  org('github.prs.cycle_time_hours'),
  org('github.prs.time_to_merge_p90_hours'),
  org('github.prs.with_review_comments_pct'),
  org('github.prs.avg_comments_per_pr'),
  org('github.reviews.time_to_first_review_hours'),
  org('github.developers.active_7d'),
  org('github.commits.per_developer_7d'),
  org('github.ci.success_rate_7d'),
  org('github.ci.avg_workflow_duration_minutes'),
  org('github.ci.duration_p50_minutes'),
  org('github.ci.duration_p90_minutes'),
  org('github.ci.duration_p99_minutes'),
];
