/**
 * What changed in many repositories, for the price of about one GraphQL point per 100: one query
 * reads, for up to FINGERPRINTS_PER_QUERY repositories at once (one alias each), what moves whenever
 * anything the pulls, commits and branches groups read moves.
 *
 * - `pushedAt`: the last push to any branch (a new commit on the default branch, a new branch);
 * - the newest pull-request update (`updatedAt` moves on a review, a comment, a merge, a close);
 * - the number of branches (a deleted branch need not move `pushedAt`);
 * - the default branch's name (renaming it or choosing another pushes nothing). The ci group takes
 *   it from here instead of asking for the repository.
 *
 * Actions runs are not in GraphQL: a run started by a schedule or by hand moves none of these, so
 * the ci group keeps its conditional request per repository (a 304 costs nothing).
 *
 * GitHub's score of a query is one request per connection page, summed and divided by 100: two
 * connections of one node per alias, 100 aliases, 2 points.
 */
import type { GithubClient } from '../client/create';
import type { RepoRef } from '../repo';

/** What a later fingerprint is compared with: equal fingerprints, nothing those groups read changed. */
export interface RepoFingerprint {
  readonly pushedAt: string | null;
  readonly pullUpdatedAt: string | null;
  readonly branches: number;
  /** Null for an empty repository. */
  readonly defaultBranch: string | null;
}

/** GitHub allows many more aliases; 100 keeps one answer small and its score at 2 points. */
export const FINGERPRINTS_PER_QUERY = 100;

interface Answer {
  readonly pushedAt: string | null;
  readonly pullRequests: { readonly nodes: readonly { readonly updatedAt: string }[] };
  readonly refs: { readonly totalCount: number } | null;
  readonly defaultBranchRef: { readonly name: string } | null;
}

/**
 * Fingerprints by full name; `undefined` for a repository that does not exist or that the
 * credentials cannot see (its own units then report it, with the fix).
 */
export async function readFingerprints(
  client: GithubClient,
  repos: readonly RepoRef[],
  heartbeat: () => void = () => undefined,
): Promise<Map<string, RepoFingerprint | undefined>> {
  const out = new Map<string, RepoFingerprint | undefined>();
  for (let start = 0; start < repos.length; start += FINGERPRINTS_PER_QUERY) {
    const chunk = repos.slice(start, start + FINGERPRINTS_PER_QUERY);
    const data = await partialData(
      client.octokit.graphql<Record<string, Answer | null>>(fingerprintQuery(chunk.length), variables(chunk)),
    );
    heartbeat();
    chunk.forEach((repo, i) => out.set(repo.fullName, fingerprintOf(data[`r${i}`])));
  }
  return out;
}

/** The query for `n` repositories, their owners and names as variables (`$o0`, `$n0`, …). */
export function fingerprintQuery(n: number): string {
  const indexes = Array.from({ length: n }, (_, i) => i);
  const declarations = indexes.map((i) => `$o${i}: String!, $n${i}: String!`).join(', ');
  const fields = indexes.map((i) => `  r${i}: repository(owner: $o${i}, name: $n${i}) { ...fingerprint }`);
  return [
    `query fingerprints(${declarations}) {`,
    ...fields,
    '  rateLimit { cost }',
    '}',
    'fragment fingerprint on Repository {',
    '  pushedAt',
    '  pullRequests(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { updatedAt } }',
    '  refs(refPrefix: "refs/heads/", first: 1) { totalCount }',
    '  defaultBranchRef { name }',
    '}',
  ].join('\n');
}

function variables(repos: readonly RepoRef[]): Record<string, string> {
  return Object.fromEntries(
    repos.flatMap((r, i) => [
      [`o${i}`, r.owner],
      [`n${i}`, r.name],
    ]),
  );
}

function fingerprintOf(answer: Answer | null | undefined): RepoFingerprint | undefined {
  if (!answer) return undefined;
  return {
    pushedAt: answer.pushedAt,
    pullUpdatedAt: answer.pullRequests.nodes[0]?.updatedAt ?? null,
    branches: answer.refs?.totalCount ?? 0,
    defaultBranch: answer.defaultBranchRef?.name ?? null,
  };
}

/**
 * The answer's data when the only errors are repositories that could not be resolved (their alias
 * is then null); any other error is thrown as it came, for the caller's error mapping.
 */
async function partialData<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (err) {
    const e = err as { name?: string; errors?: readonly { type?: string }[]; data?: T };
    if (e.name === 'GraphqlResponseError' && e.data && e.errors?.every((x) => x.type === 'NOT_FOUND'))
      return e.data;
    throw err;
  }
}

/** Whether anything the pulls, commits and branches groups read changed between two fingerprints. */
export function changed(before: RepoFingerprint | undefined, now: RepoFingerprint | undefined): boolean {
  return (
    before === undefined ||
    now === undefined ||
    before.pushedAt !== now.pushedAt ||
    before.pullUpdatedAt !== now.pullUpdatedAt ||
    before.branches !== now.branches ||
    before.defaultBranch !== now.defaultBranch
  );
}
