import { gauge } from './define';

const g = 'api';

/**
 * The collector's own rate-limit budget. Both belong to the `api` group because the engine lets a
 * metric belong to one group only (see the README, "Self-metrics").
 */
export const apiMetrics = [
  gauge(
    g,
    'github.api.rate_limit.remaining',
    'request',
    false,
    'Requests (GraphQL: points) left in the token’s current rate-limit window, by resource, read from GET /rate_limit during the cycle.',
    ['resource'],
  ),
  gauge(
    g,
    'github.api.requests',
    'request',
    false,
    'Rate-limited requests the cycle spent on the repo, by resource (304 Not Modified answers are free and not counted). Declared, not emitted yet: see the README, "Self-metrics".',
    ['resource'],
  ),
];
