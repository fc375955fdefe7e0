import { gauge, NOW } from './define';

const g = 'branches';

export const branchesMetrics = [
  gauge(
    g,
    'github.branches.active',
    'count',
    false,
    `Non-default branches ${NOW} whose head commit (committer date) is at most 30 days old.`,
  ),
  gauge(g, 'github.branches.total', 'count', false, `All branches ${NOW}.`),
  gauge(
    g,
    'github.branches.stale',
    'count',
    false,
    `Non-default branches ${NOW} whose head commit (committer date) is over 90 days old.`,
  ),
];
