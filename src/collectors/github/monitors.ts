import type { MonitorSpec } from '../kit/monitor-spec';

/** GitHub's monitors beside the health ones. */
export const githubMonitors: readonly MonitorSpec[] = [
  {
    id: 'rate-limit-low',
    title: 'GitHub rate limit under 10 %',
    metric: 'github.api.rate_limit.remaining',
    // The same token is read once per repo: the lowest reading of the window, per rate-limit bucket.
    reduce: 'min',
    combine: 'min',
    by: ['resource'],
    cycles: 1,
    comparator: '<',
    // 10 % of the 5,000 requests (core) or points (GraphQL) an hour a token gets.
    defaultThreshold: 500,
    message:
      'The GitHub token has under 10 % of its rate limit left for {{resource.name}}: cycles may fail with 403 until the window resets. Lower the schedule, the number of repos, or use a GitHub App token.',
  },
];
