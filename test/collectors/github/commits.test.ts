import { githubCollector } from '../../../src/collectors/github';
import { clearProcessCaches } from '../../../src/collectors/github/client/caches';
import { startFakeGitHub, type FakeGitHub } from '../../../src/fakes/github';
import { byName, collectContext, settings, TOKEN } from './context';
import { AS_OF, fixture } from './fixture';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
});
afterAll(() => gh.close());
beforeEach(() => {
  clearProcessCaches();
  gh.requests.length = 0;
});

const collect = (repo = 'acme/widgets') =>
  githubCollector.collect(
    collectContext('commits', repo, settings(gh.url, { botLogins: ['release-robot'] }), AS_OF),
  );

describe('group commits', () => {
  it('computes every commit metric of acme/widgets as derived by hand', async () => {
    // Committer date in W = (06-08T12:00, 06-15T12:00]: c1, c2, c3, c4, c5 (authored 06-01, rebased
    // and committed 06-10: in), c7, c9. Out: c6 (authored in W, committed 06-08T11:00) and c8
    // (committed exactly at the window start, which is excluded).
    expect(byName(await collect())).toEqual({
      'github.commits.total_7d': 7,
      // c2 "Hotfix: null check" (c6's "hotfix" is out of W).
      'github.commits.hotfix': 1,
      // c4 'Revert "Add flaky test"' (c8 is out).
      'github.commits.reverts': 1,
      // c5 "Force-merge …", c7 "force push …".
      'github.commits.force_merge_7d': 2,
      // alice (c1, c5, c7), bob (c2), carol by e-mail (c4); dependabot[bot] (c3) and the configured
      // bot release-robot (c9) are not developers.
      'github.developers.active_7d': 3,
      'github.commits.per_developer_7d': 7 / 3,
      // 100 + 5 + 20 + 0 + 7 + 1 + 2.
      'github.code.lines_added_7d': 135,
      // 10 + 1 + 20 + 30 + 3 + 1 + 2.
      'github.code.lines_deleted_7d': 67,
      // 5 + 1 + 2 + 1 + 4 (c5: GraphQL has no count, REST lists 4 files) + 1 + 1.
      'github.code.files_changed_7d': 15,
    });
  });

  it('asks REST only for the commit GraphQL has no file count for, and gets a 304 for it when warm', async () => {
    await collect();
    const c5 = fixture.repos[0]!.commits![4]!.sha;
    expect(gh.requests.map((r) => `${r.status} ${r.operation ?? r.path}`)).toEqual([
      '200 DefaultBranchCommits',
      `200 /repos/acme/widgets/commits/${c5}`,
    ]);
    gh.requests.length = 0;
    await collect();
    expect(gh.requests.map((r) => `${r.status} ${r.operation ?? r.path}`)).toEqual([
      '200 DefaultBranchCommits',
      `304 /repos/acme/widgets/commits/${c5}`,
    ]);
  });

  it('gives counts of 0 and no per-developer ratio for a repo without commits in the window', async () => {
    expect(byName(await collect('acme/empty'))).toEqual({
      'github.commits.total_7d': 0,
      'github.commits.hotfix': 0,
      'github.commits.reverts': 0,
      'github.commits.force_merge_7d': 0,
      'github.developers.active_7d': 0,
      'github.code.lines_added_7d': 0,
      'github.code.lines_deleted_7d': 0,
      'github.code.files_changed_7d': 0,
    });
  });
});
