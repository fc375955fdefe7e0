import { githubCollector } from '../../../src/collectors/github';
import { clearProcessCaches } from '../../../src/collectors/github/client/caches';
import { startFakeGitHub, type FakeGitHub } from '../../../src/fakes/github';
import { AS_OF, fixture } from './fixture';
import { byName, collectContext, settings, TOKEN } from './context';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
});
afterAll(() => gh.close());

const collect = (repo = 'acme/widgets') =>
  githubCollector.collect(collectContext('pulls', repo, settings(gh.url), AS_OF));

describe('group pulls', () => {
  it('computes every PR metric of acme/widgets as derived by hand', async () => {
    // Human PRs: 1, 2, 3, 5, 6, 7, 8, 9, 10 (4 and 12 are dependabot's: left out of everything).
    // W = (06-08T12:00, 06-15T12:00].
    expect(byName(await collect())).toEqual({
      // Open at asOf: 7, 8, 9, 10.
      'github.prs.open': 4,
      // Of those, drafts: 8.
      'github.prs.draft': 1,
      // Created in W: 1 (06-10), 2 (06-09), 3 (06-12), 6 (06-11), 7 (06-14), 8 (06-13).
      'github.prs.opened_7d': 6,
      // merged_at in W: 1, 2, 3. Not 5: merged 06-05, only updated in W.
      'github.prs.merged_7d': 3,
      // Closed unmerged in W: 6.
      'github.prs.closed_without_merge_7d': 1,
      // Hours to merge: 1 → 24, 2 → 96, 3 → 6. Mean 126 / 3.
      'github.prs.avg_time_to_merge_hours': 42,
      // Sorted 6, 24, 96: the middle one.
      'github.prs.cycle_time_hours': 24,
      // Rank (3 − 1) × 0.9 = 1.8: 24 + 0.8 × (96 − 24).
      'github.prs.time_to_merge_p90_hours': 81.6,
      // Open and not updated since 06-01T12:00: 9 (05-25).
      'github.prs.stale_count_14d': 1,
      // Open non-drafts 7, 9, 10: 7 has only a pending review, 10 only its author's and a bot's; 9 was
      // approved by alice.
      'github.prs.awaiting_review': 2,
      // Merged 1 (bob reviewed), 2 (alice approved), 3 (no review): 2 of 3.
      'github.prs.with_review_comments_pct': (2 / 3) * 100,
      // 1: 1 issue comment + 2 in bob's review = 3; 2: 2 issue comments + 3 (bot review) + 1 (self
      // review) = 6; 3: 0. Mean 9 / 3.
      'github.prs.avg_comments_per_pr': 3,
      // First review by someone else: 1 → bob after 6 h; 2 → alice after 72 h (the bot's and bob's own
      // reviews do not count); 3 has none. Median of 6 and 72.
      'github.reviews.time_to_first_review_hours': 39,
    });
  });

  it('gives counts of 0 and no statistics for a repo without PRs', async () => {
    expect(byName(await collect('acme/empty'))).toEqual({
      'github.prs.open': 0,
      'github.prs.draft': 0,
      'github.prs.opened_7d': 0,
      'github.prs.merged_7d': 0,
      'github.prs.closed_without_merge_7d': 0,
      'github.prs.stale_count_14d': 0,
      'github.prs.awaiting_review': 0,
    });
  });

  it('asks for both lists in one query, and for comments only of merged PRs that changed since', async () => {
    clearProcessCaches();
    gh.requests.length = 0;
    await collect();
    const operations = () => gh.requests.map((r) => `${r.method} ${r.operation}`);
    expect(operations()).toEqual(['POST PullRequests', 'POST PullRequestComments']);
    gh.requests.length = 0;
    await collect();
    expect(operations()).toEqual(['POST PullRequests']);
  });
});
