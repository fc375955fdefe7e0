/** Pages through both PR lists in as few queries as possible: each query carries whichever lists still have pages. */
import type { GithubClient } from '../client/create';
import { requireRepository } from '../client/errors';
import type { RepoRef } from '../repo';
import { PULLS_QUERY, type PullRequest, type PullsResult } from './query';

export interface PullLists {
  readonly open: PullRequest[];
  /** Closed or merged PRs updated after `updatedAfter`, newest update first. */
  readonly closed: PullRequest[];
}

export async function fetchPullLists(
  client: GithubClient,
  repo: RepoRef,
  updatedAfter: Date,
  heartbeat: () => void,
): Promise<PullLists> {
  const lists: PullLists = { open: [], closed: [] };
  let openAfter: string | null | undefined;
  let closedAfter: string | null | undefined;
  let withOpen = true;
  let withClosed = true;
  while (withOpen || withClosed) {
    const data: PullsResult = await client.octokit.graphql(PULLS_QUERY, {
      owner: repo.owner,
      name: repo.name,
      withOpen,
      openAfter,
      withClosed,
      closedAfter,
    });
    heartbeat();
    const { open, closed } = requireRepository(data.repository, repo.fullName);
    if (withOpen) {
      lists.open.push(...(open?.nodes ?? []));
      withOpen = !!open?.pageInfo.hasNextPage;
      openAfter = open?.pageInfo.endCursor;
    }
    if (withClosed) {
      const nodes = closed?.nodes ?? [];
      const recent = nodes.filter((pr) => Date.parse(pr.updatedAt) > updatedAfter.getTime());
      lists.closed.push(...recent);
      // Newest update first: once one is older than the cut, all that follow are too.
      withClosed = !!closed?.pageInfo.hasNextPage && recent.length === nodes.length;
      closedAfter = closed?.pageInfo.endCursor;
    }
  }
  return lists;
}
