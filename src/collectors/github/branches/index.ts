/**
 * Group `branches`: every branch with its head commit's committer date, 100 per query (1 point);
 * REST would need a request per branch for the dates.
 */
import { requireRepository } from '../client/errors';
import { DAY_MS } from '../../kit/window';
import type { GroupRun } from '../group-run';
import { points, type GithubPoint } from '../points';
import { keptOrRead } from '../changes/knowledge';

export const BRANCHES_QUERY = /* GraphQL */ `
  query Branches($owner: String!, $name: String!, $after: String) {
    rateLimit {
      cost
    }
    repository(owner: $owner, name: $name) {
      defaultBranchRef {
        name
      }
      refs(refPrefix: "refs/heads/", first: 100, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          name
          target {
            __typename
            ... on Commit {
              committedDate
            }
          }
        }
      }
    }
  }
`;

interface Branch {
  readonly name: string;
  readonly target: { readonly __typename: string; readonly committedDate?: string } | null;
}

interface BranchesResult {
  readonly repository: {
    readonly defaultBranchRef: { readonly name: string } | null;
    readonly refs: {
      readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
      readonly nodes: readonly Branch[];
    } | null;
  } | null;
}

export async function collectBranches(unit: GroupRun): Promise<GithubPoint[]> {
  const { defaultBranch, branches } = await keptOrRead(unit, () => readBranches(unit));
  const asOf = unit.window.end.getTime();
  const ages = branches
    .filter((b) => b.name !== defaultBranch && b.target?.committedDate)
    .map((b) => asOf - Date.parse(b.target!.committedDate!));
  return points({
    'github.branches.total': branches.length,
    'github.branches.active': ages.filter((age) => age <= 30 * DAY_MS).length,
    'github.branches.stale': ages.filter((age) => age > 90 * DAY_MS).length,
  });
}

/** Every branch with its head's committer date, and the default branch's name. */
async function readBranches({
  client,
  repo,
  heartbeat,
}: GroupRun): Promise<{ defaultBranch: string | undefined; branches: Branch[] }> {
  const branches: Branch[] = [];
  let defaultBranch: string | undefined;
  let after: string | null | undefined;
  for (;;) {
    const data = await client.octokit.graphql<BranchesResult>(BRANCHES_QUERY, {
      owner: repo.owner,
      name: repo.name,
      after,
    });
    heartbeat();
    const repository = requireRepository(data.repository, repo.fullName);
    defaultBranch = repository.defaultBranchRef?.name;
    const refs = repository.refs;
    branches.push(...(refs?.nodes ?? []));
    if (!refs?.pageInfo.hasNextPage) return { defaultBranch, branches };
    after = refs.pageInfo.endCursor;
  }
}
