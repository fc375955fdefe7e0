/**
 * Comment details of the merged PRs (the population of the comment metrics): issue-comment times and,
 * per review, its time and number of review comments. A review comment always belongs to a review,
 * so the review's time pins it to asOf. Kept per PR while its `updatedAt` holds (a new comment or
 * review changes it), so warm cycles ask only for PRs that changed.
 */
import { BoundedCache } from '../client/caches';
import type { GithubClient } from '../client/create';
import type { PullRequest } from './query';

/** 25 PRs × (1 + 1 + 100 requests) ≈ 26 GraphQL points per query. */
const BATCH = 25;

export const DETAILS_QUERY = /* GraphQL */ `
  query PullRequestComments($ids: [ID!]!) {
    rateLimit {
      cost
    }
    nodes(ids: $ids) {
      ... on PullRequest {
        id
        comments(first: 100) {
          totalCount
          nodes {
            createdAt
          }
        }
        reviews(first: 100) {
          nodes {
            submittedAt
            comments {
              totalCount
            }
          }
        }
      }
    }
  }
`;

export interface PullDetails {
  /** Creation times of the issue comments fetched (the first 100). */
  readonly commentTimes: readonly string[];
  /** Issue comments beyond the first 100, times unknown (counted: the source gives no more). */
  readonly extraComments: number;
  readonly reviews: readonly { readonly submittedAt: string | null; readonly comments: number }[];
}

interface DetailNode {
  readonly id?: string;
  readonly comments: { readonly totalCount: number; readonly nodes: readonly { createdAt: string }[] };
  readonly reviews: {
    readonly nodes: readonly { submittedAt: string | null; comments: { totalCount: number } }[];
  } | null;
}

/** 8 MiB of small records: tens of thousands of PRs. */
export const processDetailsCache = BoundedCache.shared<PullDetails>(8 * 1024 * 1024);

export async function fetchPullDetails(
  client: GithubClient,
  pulls: readonly PullRequest[],
  heartbeat: () => void,
  cache = processDetailsCache,
): Promise<Map<string, PullDetails>> {
  const details = new Map<string, PullDetails>();
  const key = (pr: PullRequest) => `${client.cacheScope} ${pr.id} ${pr.updatedAt}`;
  const missing: PullRequest[] = [];
  for (const pr of pulls) {
    const hit = cache.get(key(pr));
    if (hit) details.set(pr.id, hit);
    else missing.push(pr);
  }
  for (let i = 0; i < missing.length; i += BATCH) {
    const batch = missing.slice(i, i + BATCH);
    const data = await client.octokit.graphql<{ nodes: (DetailNode | null)[] }>(DETAILS_QUERY, {
      ids: batch.map((pr) => pr.id),
    });
    heartbeat();
    data.nodes.forEach((node, j) => {
      const pr = batch[j];
      if (!node || !pr) return;
      const value = toDetails(node);
      details.set(pr.id, value);
      cache.set(key(pr), value);
    });
  }
  return details;
}

function toDetails(node: DetailNode): PullDetails {
  const commentTimes = node.comments.nodes.map((c) => c.createdAt);
  return {
    commentTimes,
    extraComments: Math.max(0, node.comments.totalCount - commentTimes.length),
    reviews: (node.reviews?.nodes ?? []).map((r) => ({
      submittedAt: r.submittedAt,
      comments: r.comments.totalCount,
    })),
  };
}
