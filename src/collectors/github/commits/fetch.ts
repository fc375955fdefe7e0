import type { GithubClient } from '../client/create';
import { requireRepository } from '../client/errors';
import { pages } from '../client/rest';
import type { RepoRef } from '../repo';
import type { Window } from '../../kit/window';
import { COMMITS_QUERY, type Commit, type CommitsResult } from './query';

/**
 * The default branch's commits with committer date in [window start, window end] (GitHub's filter),
 * all pages; with `open`, from the window start on, without an upper bound (a read kept for later
 * windows, ../changes/knowledge.ts).
 */
export async function fetchCommits(
  client: GithubClient,
  repo: RepoRef,
  window: Window,
  heartbeat: () => void,
  open = false,
): Promise<Commit[]> {
  const commits: Commit[] = [];
  let after: string | null | undefined;
  for (;;) {
    const data = await client.octokit.graphql<CommitsResult>(COMMITS_QUERY, {
      owner: repo.owner,
      name: repo.name,
      since: window.start.toISOString(),
      until: open ? null : window.end.toISOString(),
      after,
    });
    heartbeat();
    // No default branch (a repository without commits) is an empty history; no repository is not.
    const history = requireRepository(data.repository, repo.fullName).defaultBranchRef?.target?.history;
    commits.push(...(history?.nodes ?? []));
    if (!history?.pageInfo.hasNextPage) return commits;
    after = history.pageInfo.endCursor;
  }
}

/**
 * Files changed by one commit, from REST, for the commits whose GraphQL count is null. The file list
 * is paged (300 per page, at most 3,000); a commit never changes, so warm cycles get 304s.
 */
export async function restChangedFiles(client: GithubClient, repo: RepoRef, sha: string): Promise<number> {
  let files = 0;
  const path = `/repos/${repo.owner}/${repo.name}/commits/${sha}`;
  for await (const page of pages(
    client,
    path,
    (data) => (data as { files?: unknown[] }).files?.length ?? 0,
  )) {
    files += page.value;
  }
  return files;
}
