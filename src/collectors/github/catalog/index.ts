/** The GitHub catalog: every metric declared once, as data (docs/metrics.md#names; meanings: ../../README.md). */
import { catalog } from '../../../catalog/declare';
import type { GroupDef, RetryDef } from '../../../catalog/model';
import { apiMetrics } from './api';
import { branchesMetrics } from './branches';
import { ciMetrics } from './ci';
import { commitsMetrics } from './commits';
import { orgMetrics } from './org';
import { pullsMetrics } from './pulls';

/** Rate-limited attempts come back after the reset (nextRetryDelay); these bound the other failures. */
const retry: RetryDef = { maximumAttempts: 4, initialInterval: '15s', maximumInterval: '5m' };

export const GROUPS = ['pulls', 'commits', 'ci', 'branches', 'api'] as const;
export type GroupName = (typeof GROUPS)[number];

const groups: GroupDef[] = [
  { name: 'pulls', timeout: '5m', retry, description: 'Pull requests and their reviews (GraphQL).' },
  { name: 'commits', timeout: '5m', retry, description: 'Commits on the default branch (GraphQL).' },
  { name: 'ci', timeout: '5m', retry, description: 'GitHub Actions workflow runs (REST, ETags).' },
  { name: 'branches', timeout: '3m', retry, description: 'Branches and the age of their heads (GraphQL).' },
  { name: 'api', timeout: '1m', retry, description: 'The rate-limit budget (GET /rate_limit, free).' },
];

export const githubCatalog = catalog({
  collector: 'github',
  targetTags: {
    repo: { description: 'The repository, `owner/name`, lower-case.', estimatedValues: 1 },
    org: { description: 'The repository owner (organization or user), lower-case.', estimatedValues: 1 },
  },
  tags: {
    reason: {
      description: 'Why a run ended without a result: the run timed out, or was cancelled.',
      values: ['timed_out', 'cancelled'],
    },
    resource: {
      description: 'The GitHub rate-limit bucket.',
      values: ['core', 'search', 'graphql'],
    },
  },
  groups,
  metrics: [
    ...pullsMetrics,
    ...commitsMetrics,
    ...ciMetrics,
    ...branchesMetrics,
    ...apiMetrics,
    ...orgMetrics,
  ],
  rollup: { key: 'org', description: 'every repository of one organization (or user) in the cycle' },
});
