import { githubCollector } from '../../../src/collectors/github';
import { startFakeGitHub, type FakeGitHub } from '../../../src/fakes/github';
import { byName, collectContext, settings, TOKEN } from './context';
import { AS_OF, fixture } from './fixture';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
});
afterAll(() => gh.close());

describe('group branches', () => {
  it('counts branches by the age of their head commit at asOf', async () => {
    const points = await githubCollector.collect(
      collectContext('branches', 'acme/widgets', settings(gh.url), AS_OF),
    );
    // Heads at 06-15T12:00: main (default, not judged), feature-x 1 d, dependabot/… 3 d, edge-30 exactly
    // 30 d (at most 30: active), mid 75 d, edge-90 exactly 90 d (not over 90), old-1 165 d.
    expect(byName(points)).toEqual({
      'github.branches.total': 7,
      'github.branches.active': 3, // feature-x, dependabot/…, edge-30
      'github.branches.stale': 1, // old-1
    });
    expect(gh.requests.map((r) => r.operation)).toEqual(['Branches']);
  });

  it('counts only the default branch of a repo without other branches', async () => {
    const points = await githubCollector.collect(
      collectContext('branches', 'acme/empty', settings(gh.url), AS_OF),
    );
    expect(byName(points)).toEqual({
      'github.branches.total': 1,
      'github.branches.active': 0,
      'github.branches.stale': 0,
    });
  });
});
