/**
 * Organization roll-ups in a real cycle (docs/metrics.md#roll-ups): the GitHub collector against the
 * fake GitHub serving the three acme repositories of test/collectors/github/fixture-org.ts, on the
 * Temporal dev server. The values are derived in test/collectors/github/org.test.ts.
 */
import type { DataPoint } from '../../src/catalog/model';
import { githubCollector } from '../../src/collectors/github';
import { clearProcessCaches } from '../../src/collectors/github/client/caches';
import { startFakeGitHub, type FakeDataset } from '../../src/fakes/github';
import type { CycleResult } from '../../src/workflows/types';
import { AS_OF } from '../collectors/github/fixture';
import { orgFixture } from '../collectors/github/fixture-org';
import { memorySink } from '../support/memory-sink';
import { testRuntime } from '../support/runtime';
import { envSecrets, withWorker } from '../support/temporal';

const TOKEN = 'ghp_rollup_token';
const REPOS = ['acme/widgets', 'acme/gadgets-api', 'acme/gadgets-web'];

afterEach(() => clearProcessCaches());

async function cycle(dataset: FakeDataset) {
  const gh = await startFakeGitHub({ dataset, token: TOKEN });
  try {
    const sink = memorySink();
    const runtime = testRuntime({
      collector: githubCollector,
      settings: { targets: { repos: REPOS }, options: { apiUrl: gh.url, botLogins: ['release-robot'] } },
      // The fixture's slot is in 2025: a backfill, which Datadog takes with historical ingestion.
      historicalIngestion: { enabled: true, retryForMs: 3_600_000 },
    });
    const result = await withWorker(
      {
        runtime,
        sink,
        registry: new Map([['github', githubCollector]]),
        secrets: envSecrets({ 'github/dashboard-token': TOKEN }),
      },
      async ({ client, taskQueue }) => {
        const handle = await client.workflow.start('collectionCycle', {
          taskQueue,
          workflowId: `rollup-${taskQueue}`,
          args: [{ collector: 'github', asOf: AS_OF.toISOString() }],
        });
        return (await handle.result()) as CycleResult;
      },
    );
    const org = sink.points.filter((p) => p.metric.startsWith('github.org.'));
    return { result, sink, org };
  } finally {
    await gh.close();
  }
}

const values = (points: DataPoint[]) => Object.fromEntries(points.map((p) => [p.metric, p.value]));

test('a cycle sends the organization points, tagged org and never repo', async () => {
  const { result, sink, org } = await cycle(orgFixture);
  // A backfill plans pulls, commits and ci: 3 repositories × 3 groups.
  expect(result.mode).toBe('backfill');
  expect(result.failed).toBe(0);
  expect(values(org)).toEqual({
    'github.org.prs.avg_time_to_merge_hours': 339 / 7,
    'github.org.prs.cycle_time_hours': 10,
    'github.org.prs.time_to_merge_p90_hours': expect.closeTo(137.6, 9),
    'github.org.prs.with_review_comments_pct': (5 / 7) * 100,
    'github.org.prs.avg_comments_per_pr': 12 / 7,
    'github.org.reviews.time_to_first_review_hours': 5,
    'github.org.developers.active_7d': 5,
    'github.org.commits.per_developer_7d': 2.4,
    'github.org.ci.success_rate_7d': 60,
    'github.org.ci.avg_workflow_duration_minutes': 48,
    'github.org.ci.duration_p50_minutes': 17.5,
    'github.org.ci.duration_p90_minutes': expect.closeTo(58.5, 9),
    'github.org.ci.duration_p99_minutes': expect.closeTo(327, 9),
  });
  for (const p of org) {
    expect(p.tags).toEqual([
      'collector:github',
      'env:test',
      'org:acme',
      'service:datadog-collectors',
      'version:1.0.0',
    ]);
    expect(p.timestamp).toBe(AS_OF.getTime() / 1000);
  }
  // No per-repository point is an organization's, and no organization point has a repo.
  expect(
    sink.points
      .filter((p) => p.tags.some((t) => t.startsWith('repo:')))
      .some((p) => p.metric.startsWith('github.org.')),
  ).toBe(false);
  expect(result.rollups).toEqual([
    { group: 'pulls', key: 'acme', points: 6 },
    { group: 'commits', key: 'acme', points: 2 },
    { group: 'ci', key: 'acme', points: 5 },
  ]);
  // The organization points count among the cycle's submitted points, as Datadog took them.
  expect(result.submitted).toBe(sink.points.filter((p) => !p.metric.startsWith('collector.')).length);
}, 60_000);

test('a failed unit leaves out the organization points of its group, never a partial roll-up', async () => {
  // GraphQL answers repository: null for gadgets-web: its pulls and commits units fail for good;
  // its ci unit (REST) succeeds.
  const dataset: FakeDataset = {
    ...orgFixture,
    repos: orgFixture.repos.map((r) => (r.name === 'gadgets-web' ? { ...r, graphqlNull: true } : r)),
  };
  const { result, org } = await cycle(dataset);
  expect(result.outcomes.filter((o) => !o.ok).map((o) => `${o.group} ${o.target}`)).toEqual([
    'pulls acme/gadgets-web',
    'commits acme/gadgets-web',
  ]);
  // Only ci's roll-up, over all three repositories (the values of the healthy cycle).
  expect(values(org)).toEqual({
    'github.org.ci.success_rate_7d': 60,
    'github.org.ci.avg_workflow_duration_minutes': 48,
    'github.org.ci.duration_p50_minutes': 17.5,
    'github.org.ci.duration_p90_minutes': expect.closeTo(58.5, 9),
    'github.org.ci.duration_p99_minutes': expect.closeTo(327, 9),
  });
  expect(result.rollups).toEqual([
    { group: 'pulls', key: 'acme', points: 0, absent: 'no sample of 1 of 3 targets: their unit failed' },
    { group: 'commits', key: 'acme', points: 0, absent: 'no sample of 1 of 3 targets: their unit failed' },
    { group: 'ci', key: 'acme', points: 5 },
  ]);
}, 60_000);
