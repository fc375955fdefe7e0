import { plannedFingerprint, repoFacts } from '../changes/knowledge';
import { conditionalGet } from '../client/rest';
import type { GroupRun } from '../group-run';
import { ciRunPoints } from './compute';
import { fetchRunsInWindow } from './fetch-runs';
import { passingOnMain, type StatusInput } from './main-status';
import { points, type GithubPoint } from '../points';

/**
 * Group `ci`: the default branch (from the plan's fingerprint, else the repo: usually a free 304),
 * then the window's runs.
 */
export async function collectCi(unit: GroupRun): Promise<GithubPoint[]> {
  const { client, repo, window, heartbeat, ctx } = unit;
  const defaultBranch =
    plannedFingerprint(unit)?.defaultBranch ??
    (
      await conditionalGet(
        client,
        `/repos/${repo.owner}/${repo.name}`,
        (data) => (data as { default_branch: string }).default_branch,
      )
    ).value;
  const { runs, listed, listedFrom } = await fetchRunsInWindow(client, repo, window, heartbeat);
  const input: StatusInput = {
    client,
    repo,
    window,
    defaultBranch,
    listed,
    listedFrom,
    facts: repoFacts(unit),
    warn: (message, fields) => ctx.log.warn(message, fields),
  };
  const { testWorkflows, benchmarkWorkflows } = ctx.settings.options;
  const tests = await passingOnMain(input, {
    metric: 'github.ci.tests_passing_on_main',
    option: 'testWorkflows',
    specs: testWorkflows,
  });
  const benchmarks = await passingOnMain(input, {
    metric: 'github.ci.benchmarks_passing',
    option: 'benchmarkWorkflows',
    specs: benchmarkWorkflows,
  });
  const run = ciRunPoints(runs, window.end);
  ctx.sample(run.sample);
  return [
    ...run.points,
    ...points({ 'github.ci.tests_passing_on_main': tests, 'github.ci.benchmarks_passing': benchmarks }),
  ];
}
