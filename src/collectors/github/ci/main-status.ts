/**
 * `tests_passing_on_main` / `benchmarks_passing`: for each configured workflow, the latest run on the
 * default branch created and completed by asOf whose conclusion is not cancelled or skipped (so a
 * run cancelled by a newer push does not hide the last real result) must have succeeded.
 * The window's runs usually hold the answer; otherwise that workflow's older runs are listed.
 */
import type { GithubClient } from '../client/create';
import { conditionalGet, type Fetched } from '../client/rest';
import type { RepoRef } from '../repo';
import { byAsOf, type Window } from '../time';
import { doneByAsOf } from './compute';
import { projectRuns, type Run, type RunsPage } from './runs';

export interface StatusInput {
  readonly client: GithubClient;
  readonly repo: RepoRef;
  readonly window: Window;
  readonly defaultBranch: string;
  /** Runs created in the window. */
  readonly runs: readonly Run[];
  readonly warn: (message: string) => void;
}

/** 1 when every workflow's latest judged run succeeded, 0 when one did not, absent when one has none. */
export async function passingOnMain(
  input: StatusInput,
  specs: readonly string[],
): Promise<number | undefined> {
  if (specs.length === 0) return undefined;
  let passing = 1;
  for (const spec of specs) {
    const latest = latestJudged(input.runs, spec, input) ?? (await olderJudged(input, spec));
    if (!latest) {
      input.warn(
        `no completed run of workflow "${spec}" on ${input.defaultBranch} of ${input.repo.fullName}`,
      );
      return undefined;
    }
    if (latest.conclusion !== 'success') passing = 0;
  }
  return passing;
}

export function matchesWorkflow(run: Pick<Run, 'name' | 'path'>, spec: string): boolean {
  const s = spec.toLowerCase();
  if (!/\.ya?ml$/.test(s)) return run.name?.toLowerCase() === s;
  const path = run.path.split('@')[0]!.toLowerCase();
  return path === s || path.endsWith(`/${s}`);
}

function latestJudged(runs: readonly Run[], spec: string, input: StatusInput): Run | undefined {
  const asOf = input.window.end;
  return runs
    .filter((r) => matchesWorkflow(r, spec) && r.head_branch === input.defaultBranch)
    .filter((r) => byAsOf(r.created_at, asOf) && doneByAsOf(r, asOf))
    .filter((r) => r.conclusion !== 'cancelled' && r.conclusion !== 'skipped')
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)[0];
}

/** The workflow's runs on the default branch created before the window, newest first, a few pages at most. */
async function olderJudged(input: StatusInput, spec: string): Promise<Run | undefined> {
  const { client, repo } = input;
  const workflow = /\.ya?ml$/i.test(spec) ? spec : await workflowIdByName(input, spec);
  if (workflow === undefined) return undefined;
  const query = new URLSearchParams({
    branch: input.defaultBranch,
    created: `<=${input.window.start.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    per_page: '100',
    exclude_pull_requests: 'true',
  });
  let url: string | undefined =
    `/repos/${repo.owner}/${repo.name}/actions/workflows/${workflow}/runs?${query.toString()}`;
  for (let page = 0; url && page < 3; page++) {
    const fetched: Fetched<RunsPage> = await conditionalGet(client, url, projectRuns);
    const found = latestJudged(fetched.value.runs, spec, input);
    if (found) return found;
    url = fetched.next;
  }
  return undefined;
}

async function workflowIdByName(input: StatusInput, name: string): Promise<number | undefined> {
  const fromRuns = input.runs.find((r) => matchesWorkflow(r, name));
  if (fromRuns) return fromRuns.workflow_id;
  const { repo, client } = input;
  const listed = await conditionalGet(
    client,
    `/repos/${repo.owner}/${repo.name}/actions/workflows?per_page=100`,
    (d) =>
      (d as { workflows: { id: number; name: string; path: string }[] }).workflows.map(
        ({ id, name, path }) => ({ id, name, path }),
      ),
  );
  return listed.value.find((w) => matchesWorkflow(w, name))?.id;
}
