/** `GET /rate_limit`: what is left of each bucket. It costs nothing against the primary limit. */
import type { RestEndpointMethodTypes } from '@octokit/rest';
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

/** Group `api`: the budget left per resource. */
export async function collectApi({ client }: GroupRun): Promise<GithubPoint[]> {
  const buckets = await readRateLimit(client);
  return RESOURCES.flatMap((resource) => {
    const bucket = buckets[resource];
    return bucket ? [point('github.api.rate_limit.remaining', bucket.remaining, { resource })] : [];
  });
}
