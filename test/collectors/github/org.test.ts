import { githubCollector } from '../../../src/collectors/github';
import { githubRollup } from '../../../src/collectors/github/rollup';
import { developerHash } from '../../../src/collectors/github/rollup/samples';
import type { Sample } from '../../../src/collectors/types';
import { startFakeGitHub, type FakeGitHub } from '../../../src/fakes/github';
import { AS_OF } from './fixture';
import { orgFixture } from './fixture-org';
import { byName, collectContext, settings, TOKEN } from './context';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ dataset: orgFixture, token: TOKEN });
});
afterAll(() => gh.close());

const REPOS = ['acme/widgets', 'acme/gadgets-api', 'acme/gadgets-web'];

/** One unit as the engine runs it: its points and the sample it handed in. */
async function unit(group: string, repo: string) {
  const ctx = collectContext(group, repo, settings(gh.url, { botLogins: ['release-robot'] }), AS_OF);
  const points = byName(await githubCollector.collect(ctx));
  expect(ctx.samples).toHaveLength(1);
  return { points, sample: ctx.samples[0]! };
}

async function org(group: string) {
  const units = await Promise.all(REPOS.map((repo) => unit(group, repo)));
  const points = byName(githubRollup.compute({ group, key: 'acme', samples: units.map((u) => u.sample) }));
  return { points, repos: units.map((u) => u.points), samples: units.map((u) => u.sample) };
}

/** The statistic of each repository, in REPOS order. */
const each = (repos: Record<string, number>[], metric: string) => repos.map((r) => r[metric]);

describe('organization metrics: statistics over the union of the repositories', () => {
  it('pulls: time to merge, reviews and comments over the PRs of all three', async () => {
    const { points, repos } = await org('pulls');
    // Hours to merge: widgets 6, 24, 96 (pulls.test.ts); gadgets-api 1, 2; gadgets-web 10, 200.
    // Per repository the medians are 24, 1.5 and 105, the 90th percentiles 81.6, 1.9 (rank 0.9) and
    // 181 (rank 0.9: 10 + 0.9 × 190).
    expect(each(repos, 'github.prs.cycle_time_hours')).toEqual([24, 1.5, 105]);
    expect(each(repos, 'github.prs.time_to_merge_p90_hours')).toEqual([81.6, 1.9, 181]);
    expect(each(repos, 'github.reviews.time_to_first_review_hours')).toEqual([39, 0.5, 3]);
    expect(each(repos, 'github.prs.with_review_comments_pct')).toEqual([(2 / 3) * 100, 50, 100]);
    expect(each(repos, 'github.prs.avg_comments_per_pr')).toEqual([3, 0.5, 1]);
    expect(points).toEqual({
      // Union sorted: 1 2 6 10 24 96 200; sum 339 over 7.
      'github.org.prs.avg_time_to_merge_hours': 339 / 7,
      // The 4th of 7: 10 (no repository's median, nor their mean 43.5 or median 24).
      'github.org.prs.cycle_time_hours': 10,
      // Rank 6 × 0.9 = 5.4: 96 + 0.4 × (200 − 96) = 137.6.
      'github.org.prs.time_to_merge_p90_hours': expect.closeTo(137.6, 9),
      // Reviewed by someone else: widgets 1 and 2, gadgets-api 1, gadgets-web 1 and 2: 5 of 7.
      'github.org.prs.with_review_comments_pct': (5 / 7) * 100,
      // Comments: widgets 9 (pulls.test.ts), gadgets-api 1, gadgets-web 2: 12 over 7 PRs.
      'github.org.prs.avg_comments_per_pr': 12 / 7,
      // First reviews: widgets 6, 72; gadgets-api 0.5; gadgets-web 1, 5. Sorted 0.5 1 5 6 72: 5.
      'github.org.reviews.time_to_first_review_hours': 5,
    });
  });

  it('commits: developers counted once across repositories', async () => {
    const { points, repos } = await org('commits');
    // widgets: alice, bob, carol (commits.test.ts), 7 commits; gadgets-api: alice, dave, 2 commits;
    // gadgets-web: bob, erin, 3 commits. Summed per repository: 3 + 2 + 2 = 7 developers.
    expect(each(repos, 'github.developers.active_7d')).toEqual([3, 2, 2]);
    expect(each(repos, 'github.commits.per_developer_7d')).toEqual([7 / 3, 1, 1.5]);
    expect(points).toEqual({
      // alice, bob, carol, dave, erin.
      'github.org.developers.active_7d': 5,
      // 12 commits / 5 developers (not 12 / 7).
      'github.org.commits.per_developer_7d': 2.4,
    });
  });

  it('ci: durations and success rate over the runs of all three', async () => {
    const { points, repos } = await org('ci');
    // Minutes: widgets 0 2 4 10 20 30 60 360 (ci.test.ts); gadgets-api 5, 15; gadgets-web 45, 25.
    expect(each(repos, 'github.ci.duration_p50_minutes')).toEqual([15, 10, 35]);
    expect(each(repos, 'github.ci.success_rate_7d')).toEqual([50, 100, 50]);
    expect(points).toEqual({
      // Judged: widgets 6 (3 successes), gadgets-api 2 (2), gadgets-web 2 (1): 6 of 10.
      'github.org.ci.success_rate_7d': 60,
      // Union sorted: 0 2 4 5 10 15 20 25 30 45 60 360; sum 576 over 12.
      'github.org.ci.avg_workflow_duration_minutes': 48,
      // Rank 11 × 0.5 = 5.5: 15 + 0.5 × 5.
      'github.org.ci.duration_p50_minutes': 17.5,
      // Rank 11 × 0.9 = 9.9: 45 + 0.9 × 15.
      'github.org.ci.duration_p90_minutes': expect.closeTo(58.5, 9),
      // Rank 11 × 0.99 = 10.89: 60 + 0.89 × 300.
      'github.org.ci.duration_p99_minutes': expect.closeTo(327, 9),
    });
  });

  it('a roll-up of one repository gives that repository its own values', async () => {
    for (const group of ['pulls', 'commits', 'ci']) {
      const { points, sample } = await unit(group, 'acme/widgets');
      const alone = byName(githubRollup.compute({ group, key: 'acme', samples: [sample] }));
      const own = Object.fromEntries(
        Object.entries(alone).map(([name, value]) => [name.replace('github.org.', 'github.'), value]),
      );
      expect(Object.keys(own).length).toBeGreaterThan(0);
      for (const [name, value] of Object.entries(own)) expect([name, value]).toEqual([name, points[name]]);
    }
  });

  it('samples are numbers and hashed developers, never names or e-mails', async () => {
    const { samples } = await org('commits');
    expect(samples[1]).toEqual({
      commits: 2,
      developers: [developerHash('alice'), developerHash('dave')].sort(),
    });
    expect(JSON.stringify(samples)).not.toMatch(/alice|carol|example\.com/);
    const { samples: pulls } = await org('pulls');
    // gadgets-api: 3,600 and 7,200 s to merge, 1,800 s to the first review, 1 comment.
    expect(pulls[1]).toEqual({ merge_s: [3600, 7200], first_review_s: [1800], comments: 1 });
  });

  it('refuses a sample of another shape rather than reading it as zeros', () => {
    const odd: Sample = { merge_s: [1], comments: 0 };
    expect(() => githubRollup.compute({ group: 'pulls', key: 'acme', samples: [odd] })).toThrow(
      /pulls sample of another shape/,
    );
  });
});
