/**
 * Primary rate-limit buckets as GitHub keeps them: a limit per resource, what remains, and the reset
 * time (epoch seconds). Tests drain them or switch on a secondary limit with `setRateLimit`.
 */
import { DOCS, RATE_LIMITED_MESSAGE, SECONDARY_MESSAGE } from './http';

export type FakeResource = 'core' | 'search' | 'graphql';

/** An answer refusing a request for its rate limit. */
export interface Refusal {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

export interface Bucket {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
}

export interface RateLimitChange {
  readonly resource?: FakeResource;
  readonly remaining?: number;
  readonly limit?: number;
  readonly resetAt?: Date;
  /** Status of the answers once nothing remains (GitHub uses both). Default 403. */
  readonly status?: 403 | 429;
  /** Adds `retry-after` to the rate-limited answers. */
  readonly retryAfterSeconds?: number;
  /** A secondary limit: every request of the resource gets `status` with this `retry-after`, until cleared with null. */
  readonly secondaryRetryAfterSeconds?: number | null;
}

export class RateLimits {
  readonly buckets: Record<FakeResource, Bucket>;
  readonly status: Record<FakeResource, 403 | 429> = { core: 403, search: 403, graphql: 403 };
  readonly retryAfter: Partial<Record<FakeResource, number>> = {};
  readonly secondary: Partial<Record<FakeResource, number>> = {};

  constructor(private readonly now: () => number = Date.now) {
    const reset = this.nextReset();
    this.buckets = {
      core: { limit: 5000, remaining: 5000, reset },
      search: { limit: 30, remaining: 30, reset: Math.floor(now() / 1000) + 60 },
      graphql: { limit: 5000, remaining: 5000, reset },
    };
  }

  set(change: RateLimitChange): void {
    const resource = change.resource ?? 'core';
    const bucket = this.buckets[resource];
    if (change.limit !== undefined) bucket.limit = change.limit;
    if (change.remaining !== undefined) bucket.remaining = change.remaining;
    if (change.resetAt) bucket.reset = Math.floor(change.resetAt.getTime() / 1000);
    if (change.status) this.status[resource] = change.status;
    if (change.retryAfterSeconds !== undefined) this.retryAfter[resource] = change.retryAfterSeconds;
    if (change.secondaryRetryAfterSeconds === null) delete this.secondary[resource];
    else if (change.secondaryRetryAfterSeconds !== undefined) {
      this.secondary[resource] = change.secondaryRetryAfterSeconds;
    }
  }

  /** The bucket, refilled when its window has passed. */
  bucket(resource: FakeResource): Bucket {
    const bucket = this.buckets[resource];
    if (this.now() / 1000 >= bucket.reset) {
      bucket.remaining = bucket.limit;
      bucket.reset = this.nextReset();
    }
    return bucket;
  }

  spend(resource: FakeResource, points = 1): void {
    const bucket = this.bucket(resource);
    bucket.remaining = Math.max(0, bucket.remaining - points);
  }

  headers(resource: FakeResource): Record<string, string> {
    const b = this.bucket(resource);
    return {
      'x-ratelimit-limit': String(b.limit),
      'x-ratelimit-remaining': String(b.remaining),
      'x-ratelimit-used': String(b.limit - b.remaining),
      'x-ratelimit-reset': String(b.reset),
      'x-ratelimit-resource': resource,
    };
  }

  /**
   * The refusal of a request to `resource`, if any: a secondary limit (with `retry-after`), or a spent
   * bucket — 403/429 for REST, HTTP 200 with a RATE_LIMITED error for GraphQL, as GitHub answers.
   */
  refusal(resource: FakeResource): Refusal | undefined {
    const status = this.status[resource];
    const secondary = this.secondary[resource];
    if (secondary !== undefined) {
      const body = { message: SECONDARY_MESSAGE, documentation_url: DOCS };
      return { status, body, headers: { 'retry-after': String(secondary) } };
    }
    if (this.bucket(resource).remaining > 0) return undefined;
    const retry = this.retryAfter[resource];
    const headers: Record<string, string> = retry === undefined ? {} : { 'retry-after': String(retry) };
    if (resource === 'graphql') {
      return {
        status: 200,
        body: { errors: [{ type: 'RATE_LIMITED', message: RATE_LIMITED_MESSAGE }] },
        headers,
      };
    }
    return { status, body: { message: RATE_LIMITED_MESSAGE, documentation_url: DOCS }, headers };
  }

  /** The body of `GET /rate_limit`. */
  overview(): Record<string, unknown> {
    const resources = Object.fromEntries(
      (['core', 'search', 'graphql'] as const).map((r) => {
        const b = this.bucket(r);
        return [r, { limit: b.limit, remaining: b.remaining, reset: b.reset, used: b.limit - b.remaining }];
      }),
    );
    return { resources, rate: resources.core };
  }

  /** GraphQL's `rateLimit` object after a query of `cost` points. */
  graphqlRateLimit(cost: number): Record<string, unknown> {
    const b = this.bucket('graphql');
    const resetAt = new Date(b.reset * 1000).toISOString();
    return {
      cost,
      limit: b.limit,
      remaining: b.remaining,
      used: b.limit - b.remaining,
      resetAt,
      nodeCount: 0,
    };
  }

  private nextReset(): number {
    return Math.floor(this.now() / 1000) + 3600;
  }
}
