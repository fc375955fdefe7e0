/**
 * The PR lists in one query: open PRs, and closed/merged PRs by `updatedAt` descending (a PR closed
 * or merged after the window start was updated after it, so the list can stop there). Reviews come
 * along (author, time); a nested connection per review would cost ~100 points per page, so comment
 * counts are fetched apart, for the merged PRs only (details.ts).
 */
import type { Account } from '../bots';

export const PULLS_QUERY = /* GraphQL */ `
  query PullRequests(
    $owner: String!
    $name: String!
    $withOpen: Boolean!
    $openAfter: String
    $withClosed: Boolean!
    $closedAfter: String
  ) {
    rateLimit {
      cost
    }
    repository(owner: $owner, name: $name) {
      open: pullRequests(states: [OPEN], first: 100, after: $openAfter) @include(if: $withOpen) {
        ...PullRequestPage
      }
      closed: pullRequests(
        states: [CLOSED, MERGED]
        first: 100
        after: $closedAfter
        orderBy: { field: UPDATED_AT, direction: DESC }
      ) @include(if: $withClosed) {
        ...PullRequestPage
      }
    }
  }

  fragment PullRequestPage on PullRequestConnection {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      number
      createdAt
      updatedAt
      closedAt
      mergedAt
      isDraft
      author {
        __typename
        login
      }
      reviews(first: 100) {
        nodes {
          submittedAt
          state
          author {
            __typename
            login
          }
        }
      }
    }
  }
`;

export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface Review {
  /** Null while the review is pending (visible to its author only). */
  readonly submittedAt: string | null;
  readonly state: string;
  readonly author: Account | null;
}

export interface PullRequest {
  readonly id: string;
  readonly number: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
  readonly mergedAt: string | null;
  readonly isDraft: boolean;
  readonly author: Account | null;
  readonly reviews: { readonly nodes: readonly Review[] } | null;
}

interface Connection {
  readonly pageInfo: PageInfo;
  readonly nodes: readonly PullRequest[];
}

export interface PullsResult {
  readonly repository: { readonly open?: Connection; readonly closed?: Connection } | null;
}
