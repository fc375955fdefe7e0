/**
 * REST GETs with conditional requests and `Link` pagination. Each page is asked with the ETag of its
 * last answer; a 304 (free) returns the cached projection. Only the projection (the fields the
 * collector reads) is cached, which keeps the cache small.
 */
import type { GithubClient } from './create';

export interface Fetched<T> {
  readonly value: T;
  /** Absolute URL of the next page, from the `Link` header. */
  readonly next?: string;
  readonly notModified: boolean;
}

/** GET `pathOrUrl` (relative to the base URL, or absolute), projecting the body with `project`. */
export async function conditionalGet<T>(
  client: GithubClient,
  pathOrUrl: string,
  project: (data: unknown) => T,
): Promise<Fetched<T>> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${client.baseUrl}${pathOrUrl}`;
  const key = `${client.cacheScope} ${url}`;
  const cached = client.cache.get(key);
  try {
    const response = await client.octokit.request({
      method: 'GET',
      url,
      headers: cached ? { 'if-none-match': cached.etag } : {},
    });
    const value = project(response.data);
    const link = response.headers.link;
    const etag = response.headers.etag;
    if (etag) client.cache.set(key, { etag, value, ...(link ? { link } : {}) });
    return { value, next: nextLink(link), notModified: false };
  } catch (err) {
    if (cached && (err as { status?: number }).status === 304) {
      return { value: cached.value as T, next: nextLink(cached.link), notModified: true };
    }
    throw err;
  }
}

/** Every page of a listing, in order, each fetched conditionally. */
export async function* pages<T>(
  client: GithubClient,
  path: string,
  project: (data: unknown) => T,
): AsyncGenerator<Fetched<T>> {
  let url: string | undefined = path;
  while (url) {
    const page: Fetched<T> = await conditionalGet(client, url, project);
    yield page;
    url = page.next;
  }
}

/** The `rel="next"` URL of a `Link` header. */
export function nextLink(link: string | undefined): string | undefined {
  const match = link?.split(',').find((part) => /rel="next"/.test(part));
  return match?.match(/<([^>]+)>/)?.[1];
}
