/** `GET /rate_limit`: what is left of each bucket. It costs nothing against the primary limit. */
import type { RestEndpointMethodTypes } from '@octokit/rest';
import { BoundedCache } from '../client/caches';
import type { GithubClient } from '../client/create';
import { RESOURCES, type Resource } from '../client/usage';
import type { GroupRun } from '../group-run';
import { point, type GithubPoint } from '../points';

type RateLimitData = RestEndpointMethodTypes['rateLimit']['get']['response']['data'];

export type Buckets = Record<
  Resource,
  { readonly limit: number; readonly remaining: number; readonly reset: number } | undefined
>;

export async function readRateLimit(client: GithubClient): Promise<Buckets> {
  const { data } = await client.octokit.request('GET /rate_limit');
  const resources: RateLimitData['resources'] = data.resources;
  return { core: resources.core, search: resources.search, graphql: resources.graphql };
}

/**
 * One reading per credentials and slot in this worker: every repository's `api` unit of a cycle
 * reports the same token, and 500 readings would take 500 turns of the worker's request pace for
 * the same answer. A failed reading is not kept.
 */
const readings = BoundedCache.shared<Promise<Buckets>>(64 * 1024);

function slotReading(client: GithubClient, asOf: Date): Promise<Buckets> {
  const key = `${client.cacheScope} ${asOf.toISOString()}`;
  let reading = readings.get(key);
  if (!reading) {
    reading = readRateLimit(client);
    readings.set(key, reading);
    reading.catch(() => readings.delete(key));
  }
  return reading;
}

/** Group `api`: the budget left per resource, as the worker read it during the cycle. */
export async function collectApi({ client, window }: GroupRun): Promise<GithubPoint[]> {
  const buckets = await slotReading(client, window.end);
  return RESOURCES.flatMap((resource) => {
    const bucket = buckets[resource];
    return bucket ? [point('github.api.rate_limit.remaining', bucket.remaining, { resource })] : [];
  });
}
