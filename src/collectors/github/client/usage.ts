/**
 * What a unit spent of the rate limit, read from GitHub's own headers on every response
 * (`x-ratelimit-resource`, `x-ratelimit-remaining`). 304 answers are free and counted apart.
 */
export const RESOURCES = ['core', 'search', 'graphql'] as const;
export type Resource = (typeof RESOURCES)[number];

export interface RequestUsage {
  /** Rate-limited requests by resource. */
  readonly requests: Record<Resource, number>;
  /** Conditional requests answered 304 Not Modified (free). */
  notModified: number;
  /** The last `x-ratelimit-remaining` seen per resource. */
  readonly remaining: Partial<Record<Resource, number>>;
}

export function newUsage(): RequestUsage {
  return { requests: { core: 0, search: 0, graphql: 0 }, notModified: 0, remaining: {} };
}

type Headers = Readonly<Record<string, string | number | undefined>>;

export function recordResponse(
  usage: RequestUsage,
  url: string,
  status: number | undefined,
  headers: Headers,
) {
  const resource = resourceOf(url, headers['x-ratelimit-resource']);
  const remaining = Number(headers['x-ratelimit-remaining']);
  if (Number.isFinite(remaining) && headers['x-ratelimit-remaining'] !== undefined) {
    usage.remaining[resource] = remaining;
  }
  if (status === 304) usage.notModified++;
  else if (!/\/rate_limit(\?|$)/.test(url)) usage.requests[resource]++;
}

function resourceOf(url: string, header: string | number | undefined): Resource {
  if (header === 'search' || header === 'graphql' || header === 'core') return header;
  if (/\/graphql(\?|$)/.test(url)) return 'graphql';
  return /\/search\//.test(url) ? 'search' : 'core';
}

/** Total rate-limited requests, for logs and tests. */
export function totalRequests(usage: RequestUsage): number {
  return RESOURCES.reduce((sum, r) => sum + usage.requests[r], 0);
}
