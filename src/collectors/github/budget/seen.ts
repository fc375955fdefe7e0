/**
 * The token's rate-limit buckets as this worker last saw them, from the headers of GitHub's answers
 * (`x-ratelimit-limit`, `-remaining`, `-reset`, `-resource`): what the budget planner (plan.ts) knows
 * without a request of its own. Per credentials, in the worker's memory.
 */
import type { Resource } from '../client/usage';

export interface BucketSeen {
  readonly limit: number;
  readonly remaining: number;
  /** When the bucket refills, epoch ms. */
  readonly resetMs: number;
}

type Headers = Readonly<Record<string, string | number | undefined>>;

const seen = new Map<string, Partial<Record<Resource, BucketSeen>>>();

/** Notes a bucket from an answer's headers; answers without all three are ignored. */
export function noteBucket(scope: string, resource: Resource, headers: Headers): void {
  const limit = Number(headers['x-ratelimit-limit']);
  const remaining = Number(headers['x-ratelimit-remaining']);
  const reset = Number(headers['x-ratelimit-reset']);
  if (
    ![limit, remaining, reset].every((n) => Number.isFinite(n)) ||
    headers['x-ratelimit-limit'] === undefined
  )
    return;
  const buckets = seen.get(scope) ?? {};
  const resetMs = reset * 1000;
  const before = buckets[resource];
  // Answers arrive out of order: within one window, the lowest remaining is the latest.
  if (before && before.resetMs === resetMs && before.remaining < remaining) return;
  buckets[resource] = { limit, remaining, resetMs };
  seen.set(scope, buckets);
}

export function bucketsSeen(scope: string): Partial<Record<Resource, BucketSeen>> {
  return seen.get(scope) ?? {};
}

/** Forgets every bucket (tests). */
export function forgetBuckets(): void {
  seen.clear();
}
