/**
 * A past slot gives the values of that time from what the source pins down (created/merged/closed/
 * committed/updated ≤ asOf), and in a backfill the engine leaves out the metrics that cannot be
 * backfilled. Slot: 06-12T00:00, W = (06-05T00:00, 06-12T00:00]; the fixture holds later data too.
 */
import { githubCollector } from '../../../src/collectors/github';
import { runUnit } from '../../../src/engine/run-unit';
import { unitContext } from '../../../src/collectors/kit/unit-context';
import { startFakeGitHub, type FakeGitHub } from '../../../src/fakes/github';
import { targetOf } from '../../../src/collectors/github/targets';
import { secretsWith, settings, TOKEN } from './context';
import { fixture } from './fixture';

const PAST = new Date('2025-06-12T00:00:00Z');
let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
});
afterAll(() => gh.close());

async function backfill(group: string): Promise<Record<string, number>> {
  const { points } = await runUnit({
    ...unitContext({
      settings: settings(gh.url, { testWorkflows: ['Tests'], benchmarkWorkflows: ['bench.yml'] }),
      group,
      target: targetOf('acme/widgets'),
      asOf: PAST,
      secrets: secretsWith(),
    }),
    collector: githubCollector,
    mode: 'backfill',
    commonTags: ['collector:github'],
  });
  expect(points.filter((p) => p.timestamp !== PAST.getTime() / 1000)).toEqual([]);
  return Object.fromEntries(
    points.map((p) => {
      const reason = p.tags.find((t) => t.startsWith('reason:'));
      return [reason ? `${p.metric}{${reason}}` : p.metric, p.value];
    }),
  );
}

describe('a past asOf (backfill)', () => {
  it('gives the PR values of that time, without the present-only ones', async () => {
    expect(await backfill('pulls')).toEqual({
      // Open then: 2 (merged later), 3 (created exactly at the slot), 9, 10; 6 closed exactly at it.
      'github.prs.open': 4,
      // Created in W: 1, 2, 3, 6.
      'github.prs.opened_7d': 4,
      // Merged in W: 1 only (2 merged later; 5 merged exactly at the window start, excluded).
      'github.prs.merged_7d': 1,
      'github.prs.closed_without_merge_7d': 1,
      'github.prs.avg_time_to_merge_hours': 24,
      'github.prs.cycle_time_hours': 24,
      'github.prs.time_to_merge_p90_hours': 24,
      // 1 was reviewed by bob (06-10T18:00), with 1 issue comment and 2 review comments by then.
      'github.prs.with_review_comments_pct': 100,
      'github.prs.avg_comments_per_pr': 3,
      'github.reviews.time_to_first_review_hours': 6,
    });
  });

  it('gives the commit values of that time', async () => {
    // Committed in W: c4 (06-11), c5 (06-10), c6 (06-08T11:00), c8 (06-08T12:00); c1–c3, c7, c9 came later.
    expect(await backfill('commits')).toEqual({
      'github.commits.total_7d': 4,
      'github.commits.hotfix': 1, // c6
      'github.commits.reverts': 2, // c4, c8
      'github.commits.force_merge_7d': 1, // c5
      'github.developers.active_7d': 3, // carol by e-mail, alice, bob
      'github.commits.per_developer_7d': 4 / 3,
      'github.code.lines_added_7d': 60, // 0 + 7 + 50 + 3
      'github.code.lines_deleted_7d': 86, // 30 + 3 + 50 + 3
      'github.code.files_changed_7d': 17, // 1 + 4 + 9 + 3
    });
  });

  it('gives the run values of that time: only runs completed by then count as completed', async () => {
    // Created in W: 5 (exactly at the slot), 6, 7, 9, 10. Completed by then: 6, 7, 9, 10 (5 ended 06-12T01:00).
    expect(await backfill('ci')).toEqual({
      'github.ci.workflow_runs_7d': 5,
      'github.ci.failed_workflows_7d': 0,
      'github.ci.timeout_cancellations_7d{reason:timed_out}': 1, // 6
      'github.ci.timeout_cancellations_7d{reason:cancelled}': 0,
      'github.ci.flaky_checks_7d': 0,
      // Judged 6, 9, 10 (7 skipped); successes 9, 10.
      'github.ci.success_rate_7d': (2 / 3) * 100,
      // Minutes: 7 → 0, 9 → 5, 10 → 30, 6 → 360; mean 395 / 4.
      'github.ci.avg_workflow_duration_minutes': 98.75,
      'github.ci.duration_p50_minutes': 17.5, // rank 1.5: 5 + 0.5 × 25
      'github.ci.duration_p90_minutes': expect.closeTo(261, 9), // rank 2.7: 30 + 0.7 × 330
      'github.ci.duration_p99_minutes': expect.closeTo(350.1, 9), // rank 2.97: 30 + 0.97 × 330
      // Tests on main completed by then: 6 (timed out, 06-11) is the latest.
      'github.ci.tests_passing_on_main': 0,
      // bench.yml had no run completed by then (5 ended after the slot): absent, not 0 or 1.
    });
  });

  it('emits nothing for branches, whose metrics exist only for the present', async () => {
    expect(await backfill('branches')).toEqual({});
  });
});
