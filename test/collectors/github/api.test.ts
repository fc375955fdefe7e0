import { githubCollector } from '../../../src/collectors/github';
import { clearProcessCaches } from '../../../src/collectors/github/client/caches';
import { startFakeGitHub, type FakeGitHub } from '../../../src/fakes/github';
import { byName, collectContext, planContext, settings, TOKEN } from './context';
import { AS_OF, fixture } from './fixture';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
});
afterAll(() => gh.close());
beforeEach(() => clearProcessCaches());

describe('group api and the probe', () => {
  it('reports what is left of each rate-limit bucket, for free', async () => {
    gh.setRateLimit({ resource: 'core', remaining: 4321 });
    const points = await githubCollector.collect(
      collectContext('api', 'acme/widgets', settings(gh.url), AS_OF),
    );
    expect(byName(points)).toEqual({
      'github.api.rate_limit.remaining{resource:core}': 4321,
      'github.api.rate_limit.remaining{resource:search}': 30,
      'github.api.rate_limit.remaining{resource:graphql}': 5000,
    });
    expect(gh.requests.at(-1)).toMatchObject({ path: '/rate_limit', resource: 'none', cost: 0 });
  });

  it('probes with GET /rate_limit and says how much is left', async () => {
    gh.setRateLimit({ resource: 'core', remaining: 4998 });
    await expect(githubCollector.probe(planContext(settings(gh.url)))).resolves.toBe(
      `GitHub API at ${gh.url}: 4,998/5,000 core requests left`,
    );
  });
});

test("a worker reads the token's buckets once a cycle for every repository's api unit", async () => {
  gh.requests.length = 0;
  gh.setRateLimit({ resource: 'core', remaining: 4000 });
  const api = (repo: string, asOf: Date) =>
    githubCollector.collect(collectContext('api', repo, settings(gh.url), asOf)).then(byName);
  const [widgets, empty] = await Promise.all([api('acme/widgets', AS_OF), api('acme/empty', AS_OF)]);
  expect(widgets['github.api.rate_limit.remaining{resource:core}']).toBe(4000);
  expect(empty).toEqual(widgets);
  expect(gh.requests.filter((r) => r.path === '/rate_limit')).toHaveLength(1);
  // The next slot reads again.
  gh.setRateLimit({ resource: 'core', remaining: 3900 });
  const next = await api('acme/widgets', new Date(AS_OF.getTime() + 15 * 60_000));
  expect(next['github.api.rate_limit.remaining{resource:core}']).toBe(3900);
  expect(gh.requests.filter((r) => r.path === '/rate_limit')).toHaveLength(2);
});
