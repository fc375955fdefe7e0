/**
 * What a unit spent of the rate limit, read from GitHub's own headers on every response
 * (`x-ratelimit-resource`, `x-ratelimit-remaining`). 304 answers are free and counted apart. GraphQL
 * points come from each query's own `rateLimit { cost }`.
 */
export const RESOURCES = ['core', 'search', 'graphql'] as const;
export type Resource = (typeof RESOURCES)[number];

export interface RequestUsage {
  /** Rate-limited requests by resource. */
  readonly requests: Record<Resource, number>;
  /** Conditional requests answered 304 Not Modified (free). */
  notModified: number;
  /** GraphQL points spent: each answer's `rateLimit.cost`, else 1 for an answer without it. */
  points: number;
  /** The last `x-ratelimit-remaining` seen per resource. */
  readonly remaining: Partial<Record<Resource, number>>;
}

export function newUsage(): RequestUsage {
  return { requests: { core: 0, search: 0, graphql: 0 }, notModified: 0, points: 0, remaining: {} };
}

type Headers = Readonly<Record<string, string | number | undefined>>;

export function recordResponse(
  usage: RequestUsage,
  url: string,
  status: number | undefined,
  headers: Headers,
  cost?: number,
) {
  const resource = resourceOf(url, headers['x-ratelimit-resource']);
  const remaining = Number(headers['x-ratelimit-remaining']);
  if (Number.isFinite(remaining) && headers['x-ratelimit-remaining'] !== undefined) {
    usage.remaining[resource] = remaining;
  }
  if (status === 304) usage.notModified++;
  else if (!/\/rate_limit(\?|$)/.test(url)) usage.requests[resource]++;
  if (resource === 'graphql') usage.points += typeof cost === 'number' ? cost : 1;
}

/** The `rateLimit.cost` of a GraphQL answer's body, when the query asked for it. */
export function graphqlCost(body: unknown): number | undefined {
  const cost = (body as { data?: { rateLimit?: { cost?: unknown } } } | undefined)?.data?.rateLimit?.cost;
  return typeof cost === 'number' ? cost : undefined;
}

export function resourceOf(url: string, header: string | number | undefined): Resource {
  if (header === 'search' || header === 'graphql' || header === 'core') return header;
  if (/\/graphql(\?|$)/.test(url)) return 'graphql';
  return /\/search\//.test(url) ? 'search' : 'core';
}

/** Total rate-limited requests, for logs and tests. */
export function totalRequests(usage: RequestUsage): number {
  return RESOURCES.reduce((sum, r) => sum + usage.requests[r], 0);
}
