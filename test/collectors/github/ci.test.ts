import { githubCollector } from '../../../src/collectors/github';
import { PermanentError } from '../../../src/errors';
import { clearProcessCaches } from '../../../src/collectors/github/client/caches';
import { startFakeGitHub, type FakeGitHub } from '../../../src/fakes/github';
import { byName, collectContext, settings, TOKEN } from './context';
import { AS_OF, fixture, withOldRuns } from './fixture';

/** The `created` filter of a request, `-` for none. */
const createdOf = (path: string) => new URL(path, 'http://x').searchParams.get('created') ?? '-';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
});
afterAll(() => gh.close());
beforeEach(() => {
  clearProcessCaches();
  gh.requests.length = 0;
});

const collect = (options: Record<string, unknown> = {}, repo = 'acme/widgets') =>
  githubCollector.collect(collectContext('ci', repo, settings(gh.url, options), AS_OF));

/** The unit's points and its warning log lines (`msg` plus fields). */
async function collectLogged(options: Record<string, unknown>, repo = 'acme/widgets') {
  const ctx = collectContext('ci', repo, settings(gh.url, options), AS_OF);
  const points = await githubCollector.collect(ctx);
  const warnings = ctx.log.lines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.level === 'warn');
  return { points, warnings };
}

describe('group ci', () => {
  it('computes every run metric of acme/widgets as derived by hand', async () => {
    // Created in W = (06-08T12:00, 06-15T12:00]: runs 1–8 and 10 (9 was created 06-08T11:00, 11 on 05-30).
    // Completed by asOf: all but 8 (in progress).
    const points = await collect({ testWorkflows: ['Tests'], benchmarkWorkflows: ['bench.yml'] });
    expect(byName(points)).toEqual({
      'github.ci.workflow_runs_7d': 9,
      // 3 (feature-x) and 5 (benchmarks on main).
      'github.ci.failed_workflows_7d': 2,
      'github.ci.timeout_cancellations_7d{reason:timed_out}': 1, // 6
      'github.ci.timeout_cancellations_7d{reason:cancelled}': 1, // 2
      // 4 is a re-run (attempt 2).
      'github.ci.flaky_checks_7d': 1,
      // Judged: completed, not skipped (7) or cancelled (2): 1, 3, 4, 5, 6, 10; successes 1, 4, 10.
      'github.ci.success_rate_7d': 50,
      // Minutes updated − started: 1 → 10, 2 → 2, 3 → 20, 4 → 4, 5 → 60, 6 → 360, 7 → 0, 10 → 30.
      // Sorted 0 2 4 10 20 30 60 360; sum 486 over 8.
      'github.ci.avg_workflow_duration_minutes': 60.75,
      // Rank 7 × 0.5 = 3.5: 10 + 0.5 × 10.
      'github.ci.duration_p50_minutes': 15,
      // Rank 7 × 0.9 = 6.3: 60 + 0.3 × 300.
      'github.ci.duration_p90_minutes': expect.closeTo(150, 9),
      // Rank 7 × 0.99 = 6.93: 60 + 0.93 × 300.
      'github.ci.duration_p99_minutes': expect.closeTo(339, 9),
      // Tests on main, newest first: 8 (in progress), 2 (cancelled: skipped over), 1 (success).
      'github.ci.tests_passing_on_main': 1,
      // bench.yml on main: 5 failed.
      'github.ci.benchmarks_passing': 0,
    });
  });

  it('leaves tests_passing_on_main and benchmarks_passing out when no workflow is configured', async () => {
    const names = (await collect()).map((p) => p.metric);
    expect(names).not.toContain('github.ci.tests_passing_on_main');
    expect(names).not.toContain('github.ci.benchmarks_passing');
  });

  it('lists every run of a repository whose runs fit a page, and finds the latest of each workflow there', async () => {
    // widgets has 11 runs. Nightly's only one (11, success on main) was created 05-30, before W: in
    // the listing all the same.
    const points = await collect({ testWorkflows: ['Tests', 'Nightly'] });
    expect(byName(points)['github.ci.tests_passing_on_main']).toBe(1);
    expect(gh.requests.map((r) => r.path)).toEqual([
      '/repos/acme/widgets',
      '/repos/acme/widgets/actions/runs?per_page=100&exclude_pull_requests=true',
    ]);
  });

  it('looks before the window for a workflow without runs in it, by name through the workflow list', async () => {
    // 111 runs: more than a page, so the listing is W's days (06-08 to 06-15), which lack Nightly's
    // run 11 (05-30); its runs up to the second before the listing have it.
    gh.replaceDataset(withOldRuns(100));
    try {
      const points = await collect({ testWorkflows: ['Tests', 'Nightly'] });
      expect(byName(points)['github.ci.tests_passing_on_main']).toBe(1);
      expect(gh.requests.map((r) => `${r.path.split('?')[0]} ${createdOf(r.path)}`)).toEqual([
        '/repos/acme/widgets -',
        '/repos/acme/widgets/actions/runs -',
        '/repos/acme/widgets/actions/runs 2025-06-08T00:00:00Z..2025-06-15T23:59:59Z',
        '/repos/acme/widgets/actions/workflows -',
        '/repos/acme/widgets/actions/workflows/4/runs <=2025-06-07T23:59:59Z',
      ]);
      // The same repository again: known to be over a page, it is listed by W's days at once.
      gh.requests.length = 0;
      await collect({ testWorkflows: ['Tests'] });
      expect(gh.requests.map((r) => `${r.path.split('?')[0]} ${createdOf(r.path)}`)).toEqual([
        '/repos/acme/widgets -',
        '/repos/acme/widgets/actions/runs 2025-06-08T00:00:00Z..2025-06-15T23:59:59Z',
      ]);
    } finally {
      gh.replaceDataset(fixture);
    }
  });

  it('fails the test status when the latest judged run failed, ignoring other branches', async () => {
    // Tests runs on main created by 06-11T12:00: 6 (timed_out, 06-11T00:00) is the latest.
    const points = await githubCollector.collect(
      collectContext(
        'ci',
        'acme/widgets',
        settings(gh.url, { testWorkflows: ['tests.yml'] }),
        new Date('2025-06-11T12:00:00Z'),
      ),
    );
    expect(byName(points)['github.ci.tests_passing_on_main']).toBe(0);
  });

  it('gives counts of 0 and no rates or durations for a repo without runs', async () => {
    expect(byName(await collect({}, 'acme/empty'))).toEqual({
      'github.ci.workflow_runs_7d': 0,
      'github.ci.failed_workflows_7d': 0,
      'github.ci.timeout_cancellations_7d{reason:timed_out}': 0,
      'github.ci.timeout_cancellations_7d{reason:cancelled}': 0,
      'github.ci.flaky_checks_7d': 0,
    });
  });

  describe('a configured workflow the repository lacks', () => {
    // The run metrics of acme/widgets, as derived in the first test of this file.
    const RUN_METRICS = {
      'github.ci.workflow_runs_7d': 9,
      'github.ci.failed_workflows_7d': 2,
      'github.ci.timeout_cancellations_7d{reason:timed_out}': 1,
      'github.ci.timeout_cancellations_7d{reason:cancelled}': 1,
      'github.ci.flaky_checks_7d': 1,
      'github.ci.success_rate_7d': 50,
      'github.ci.avg_workflow_duration_minutes': 60.75,
      'github.ci.duration_p50_minutes': 15,
      'github.ci.duration_p90_minutes': expect.closeTo(150, 9),
      'github.ci.duration_p99_minutes': expect.closeTo(339, 9),
    };

    it('by file name (GitHub answers 404): only its metric is absent, with a warning', async () => {
      // acme/widgets has bench.yml, not benchmarks.yml; Tests still passes (run 1, see above).
      const { points, warnings } = await collectLogged({
        testWorkflows: ['Tests'],
        benchmarkWorkflows: ['benchmarks.yml'],
      });
      expect(byName(points)).toEqual({ ...RUN_METRICS, 'github.ci.tests_passing_on_main': 1 });
      expect(gh.requests.map((r) => `${r.status} ${r.path.split('?')[0]}`)).toEqual([
        '200 /repos/acme/widgets',
        '200 /repos/acme/widgets/actions/runs',
        '404 /repos/acme/widgets/actions/workflows/benchmarks.yml/runs',
      ]);
      expect(warnings).toEqual([
        expect.objectContaining({
          msg:
            'acme/widgets has no workflow "benchmarks.yml" (options.benchmarkWorkflows): ' +
            'github.ci.benchmarks_passing left out',
          repo: 'acme/widgets',
          workflow: 'benchmarks.yml',
          metric: 'github.ci.benchmarks_passing',
        }),
      ]);
    });

    it('by name (not in the workflow list): only its metric is absent, with a warning', async () => {
      // "Docs" is no workflow of acme/widgets; bench.yml's latest run on main (5) failed.
      const { points, warnings } = await collectLogged({
        testWorkflows: ['Tests', 'Docs'],
        benchmarkWorkflows: ['bench.yml'],
      });
      expect(byName(points)).toEqual({ ...RUN_METRICS, 'github.ci.benchmarks_passing': 0 });
      expect(warnings.map((w) => w.msg)).toEqual([
        'acme/widgets has no workflow "Docs" (options.testWorkflows): github.ci.tests_passing_on_main left out',
      ]);
    });

    it('in a repository without workflows, as an organization-wide setting meets it', async () => {
      // acme/empty has no runs: counts of 0, nothing else, and one warning per missing workflow's metric.
      const { points, warnings } = await collectLogged(
        { testWorkflows: ['tests.yml'], benchmarkWorkflows: ['benchmarks.yml'] },
        'acme/empty',
      );
      expect(byName(points)).toEqual({
        'github.ci.workflow_runs_7d': 0,
        'github.ci.failed_workflows_7d': 0,
        'github.ci.timeout_cancellations_7d{reason:timed_out}': 0,
        'github.ci.timeout_cancellations_7d{reason:cancelled}': 0,
        'github.ci.flaky_checks_7d': 0,
      });
      expect(warnings.map((w) => w.msg)).toEqual([
        'acme/empty has no workflow "tests.yml" (options.testWorkflows): github.ci.tests_passing_on_main left out',
        'acme/empty has no workflow "benchmarks.yml" (options.benchmarkWorkflows): github.ci.benchmarks_passing left out',
      ]);
    });

    it('still fails the unit for good when the repository itself is missing (404)', async () => {
      const err = await collect({ benchmarkWorkflows: ['benchmarks.yml'] }, 'acme/nope').then(
        () => new Error('expected a failure'),
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(PermanentError);
      expect(err.message).toBe(
        'repository acme/nope does not exist or the token cannot see it (404). ' +
          'Fix: check the name under collectors.github.targets, or grant the token access to it',
      );
    });
  });
});
