import { metric } from '../../../catalog/declare';
import { NOW } from './phrases';

const group = 'branches';

export const branchesMetrics = [
  metric({
    name: 'github.branches.active',
    unit: 'count',
    group,
    backfill: false,
    description: `Non-default branches ${NOW} whose head commit (committer date) is at most 30 days old.`,
  }),
  metric({
    name: 'github.branches.total',
    unit: 'count',
    group,
    backfill: false,
    description: `All branches ${NOW}.`,
  }),
  metric({
    name: 'github.branches.stale',
    unit: 'count',
    group,
    backfill: false,
    description: `Non-default branches ${NOW} whose head commit (committer date) is over 90 days old.`,
  }),
];
