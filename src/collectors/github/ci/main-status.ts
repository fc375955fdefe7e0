/**
 * `tests_passing_on_main` / `benchmarks_passing`: for each configured workflow, the latest run on the
 * default branch created and completed by asOf whose conclusion is not cancelled or skipped (so a
 * run cancelled by a newer push does not hide the last real result) must have succeeded.
 * The unit's run listing (every run of the repository, or from an aligned time before the window,
 * fetch-runs.ts) usually holds the answer; otherwise that workflow's runs created before the listing
 * are listed, up to the same aligned time: the URL holds all day, so the answer is a free 304. (After
 * a listing of every run, that asks only whether the workflow exists: none are older.)
 * One setting applies to every repository of an organization, so a repository without a configured
 * workflow is normal: the metric is then absent for it, with a warning, and the rest of the unit reports.
 * What the workflow list says of a configured name (its id, or that there is none) is remembered
 * while the repository does not change (adding, removing or renaming a workflow is a push): a quiet
 * repository does not ask again every cycle (a 404 costs a request).
 */
import type { GithubClient } from '../client/create';
import { conditionalGet, pages, type Fetched } from '../client/rest';
import type { RepoFacts } from '../changes/knowledge';
import type { RepoRef } from '../repo';
import { byAsOf, type Window } from '../../kit/window';
import { doneByAsOf } from './compute';
import { projectRuns, type Run, type RunsPage } from './runs';

export interface StatusInput {
  readonly client: GithubClient;
  readonly repo: RepoRef;
  readonly window: Window;
  readonly defaultBranch: string;
  /** The unit's run listing: every run created from `listedFrom` on. */
  readonly listed: readonly Run[];
  /** Epoch ms, aligned (a UTC day or a block), at or before the window's start; 0 (EVERY_RUN) when it holds every run. */
  readonly listedFrom: number;
  /** What is known of the repository while it does not change (no facts: nothing known). */
  readonly facts?: RepoFacts;
  readonly warn: (message: string, fields: Record<string, unknown>) => void;
}

/** The configured workflows of one metric: `options.testWorkflows` for `github.ci.tests_passing_on_main`. */
export interface WorkflowSetting {
  readonly metric: string;
  readonly option: string;
  readonly specs: readonly string[];
}

/** The repository has no such workflow (no file of that name, no workflow of that name). */
const MISSING = Symbol('missing workflow');

/** 1 when every workflow's latest judged run succeeded, 0 when one did not, absent when one has none. */
export async function passingOnMain(
  input: StatusInput,
  setting: WorkflowSetting,
): Promise<number | undefined> {
  if (setting.specs.length === 0) return undefined;
  const { repo, defaultBranch } = input;
  let passing = 1;
  for (const spec of setting.specs) {
    // Known missing: said when it was found, not again every cycle while the repository is unchanged.
    const knownMissing = input.facts?.known(missingFact(spec)) === true;
    const latest =
      latestJudged(input.listed, spec, input) ?? (knownMissing ? MISSING : await olderJudged(input, spec));
    const fields = { repo: repo.fullName, workflow: spec, metric: setting.metric };
    if (latest === MISSING) {
      if (knownMissing) return undefined;
      input.warn(
        `${repo.fullName} has no workflow "${spec}" (options.${setting.option}): ${setting.metric} left out`,
        fields,
      );
      return undefined;
    }
    if (!latest) {
      input.warn(
        `no completed run of workflow "${spec}" on ${defaultBranch} of ${repo.fullName}: ${setting.metric} left out`,
        fields,
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

/** The workflow's runs on the default branch created before the listing, newest first, a few pages at most. */
async function olderJudged(input: StatusInput, spec: string): Promise<Run | typeof MISSING | undefined> {
  const found = await olderJudgedRead(input, spec);
  if (found === MISSING) input.facts?.note(missingFact(spec));
  return found;
}

const missingFact = (spec: string) => `no workflow ${spec}`;

async function olderJudgedRead(input: StatusInput, spec: string): Promise<Run | typeof MISSING | undefined> {
  const { client, repo } = input;
  const workflow = /\.ya?ml$/i.test(spec) ? spec : await workflowIdByName(input, spec);
  if (workflow === undefined) return MISSING;
  const query = new URLSearchParams({
    branch: input.defaultBranch,
    created: `<=${new Date(input.listedFrom - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    per_page: '100',
    exclude_pull_requests: 'true',
  });
  let url: string | undefined =
    `/repos/${repo.owner}/${repo.name}/actions/workflows/${workflow}/runs?${query.toString()}`;
  for (let page = 0; url && page < 3; page++) {
    const fetched: Fetched<RunsPage> | typeof MISSING = await conditionalGet(client, url, projectRuns).catch(
      (err: unknown) => {
        // The unit read the repository and its run listing already: this 404 is the workflow's.
        if ((err as { status?: number }).status === 404) return MISSING;
        throw err;
      },
    );
    if (fetched === MISSING) return MISSING;
    const found = latestJudged(fetched.value.runs, spec, input);
    if (found) return found;
    url = fetched.next;
  }
  return undefined;
}

/**
 * The id of the workflow named `name`: from the listed runs, else from what the workflow list said
 * while the repository has not changed, else from the list (every page).
 */
async function workflowIdByName(input: StatusInput, name: string): Promise<number | undefined> {
  const fromRuns = input.listed.find((r) => matchesWorkflow(r, name));
  if (fromRuns) return fromRuns.workflow_id;
  const known = input.facts?.known(idFact(name));
  if (typeof known === 'number') return known;
  const id = await workflowIdFromList(input, name);
  if (id !== undefined) input.facts?.note(idFact(name), id);
  return id;
}

const idFact = (name: string) => `workflow id ${name}`;

async function workflowIdFromList(input: StatusInput, name: string): Promise<number | undefined> {
  const { repo, client } = input;
  const listing = pages(client, `/repos/${repo.owner}/${repo.name}/actions/workflows?per_page=100`, (d) =>
    (d as { workflows: { id: number; name: string; path: string }[] }).workflows.map(
      ({ id, name, path }) => ({ id, name, path }),
    ),
  );
  for await (const page of listing) {
    const found = page.value.find((w) => matchesWorkflow(w, name));
    if (found) return found.id;
  }
  return undefined;
}
