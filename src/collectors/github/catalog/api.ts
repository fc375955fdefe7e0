import { EVERY_GROUP } from '../../../catalog/model';
import { metric } from '../../../catalog/declare';

const group = 'api';

/**
 * The collector's own rate-limit budget: what is left (reported by each repo's `api` unit, read once
 * per cycle by each worker) and what each unit spent (reported by every group, tagged with it).
 */
export const apiMetrics = [
  metric({
    name: 'github.api.rate_limit.remaining',
    unit: 'request',
    group,
    backfill: false,
    tags: ['resource'],
    description:
      'Requests (GraphQL: points) left in the token’s current rate-limit window, by resource, read from GET /rate_limit during the cycle.',
  }),
  metric({
    name: 'github.api.requests',
    unit: 'request',
    group: EVERY_GROUP,
    backfill: false,
    tags: ['resource'],
    description:
      'Rate-limited requests a unit spent on the repo in this cycle, by resource and group (304 Not Modified answers are free and not counted); sum by resource for the cycle.',
  }),
];
