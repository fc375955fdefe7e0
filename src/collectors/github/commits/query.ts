/**
 * Commits of the default branch with committer date in the window, 100 per query (1 point), with
 * their stats: additions, deletions and changed files, which REST gives only one commit at a time.
 */
import type { GitAuthor } from '../bots';

export const COMMITS_QUERY = /* GraphQL */ `
  query DefaultBranchCommits(
    $owner: String!
    $name: String!
    $since: GitTimestamp!
    $until: GitTimestamp
    $after: String
  ) {
    rateLimit {
      cost
    }
    repository(owner: $owner, name: $name) {
      defaultBranchRef {
        name
        target {
          __typename
          ... on Commit {
            history(first: 100, since: $since, until: $until, after: $after) {
              pageInfo {
                hasNextPage
                endCursor
              }
              nodes {
                oid
                committedDate
                message
                additions
                deletions
                changedFilesIfAvailable
                author {
                  name
                  email
                  user {
                    login
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

export interface Commit {
  readonly oid: string;
  readonly committedDate: string;
  readonly message: string;
  readonly additions: number;
  readonly deletions: number;
  /** Null when GitHub could not compute it in time; REST is asked for that commit. */
  readonly changedFilesIfAvailable: number | null;
  readonly author: GitAuthor | null;
}

export interface CommitsResult {
  readonly repository: {
    readonly defaultBranchRef: {
      readonly name: string;
      readonly target: {
        readonly __typename: string;
        readonly history?: {
          readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
          readonly nodes: readonly Commit[];
        };
      } | null;
    } | null;
  } | null;
}
