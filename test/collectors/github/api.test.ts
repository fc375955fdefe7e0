import { githubCollector } from '../../../src/collectors/github';
import { startFakeGitHub, type FakeGitHub } from '../../../src/fakes/github';
import { byName, collectContext, planContext, settings, TOKEN } from './context';
import { AS_OF, fixture } from './fixture';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
});
afterAll(() => gh.close());

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
