/**
 * 2,500 runs created in W are counted exactly, although GitHub serves at most 1,000 runs of a
 * filtered listing (the predecessor reported exactly 1,000).
 */
import { githubCollector } from '../../../src/collectors/github';
import { clearProcessCaches } from '../../../src/collectors/github/client/caches';
import { startFakeGitHub, type FakeGitHub, type FakeRun } from '../../../src/fakes/github';
import { byName, collectContext, settings, TOKEN } from './context';

const AS_OF = new Date('2025-06-15T12:00:00Z');
const START = AS_OF.getTime() - 7 * 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** `count` runs created at `at(i)`; every tenth failed, the rest succeeded, each took a minute. */
function runs(count: number, at: (i: number) => number, idBase: number): FakeRun[] {
  return Array.from({ length: count }, (_, i) => ({
    id: idBase + i,
    workflowId: 1,
    branch: 'main',
    event: 'push',
    status: 'completed' as const,
    conclusion: i % 10 === 0 ? 'failure' : 'success',
    createdAt: iso(at(i)),
    startedAt: iso(at(i)),
    updatedAt: iso(at(i) + 60_000),
  }));
}

// 40 runs in the hour before W (inside the first day listed, outside W) must not be counted.
const before = runs(40, (i) => START - 3_600_000 + i * 60_000, 900_000);

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({
    token: TOKEN,
    dataset: {
      repos: [
        // Spread evenly over W: one every 241.9 s, the last created 4 min 50 s before asOf.
        {
          owner: 'acme',
          name: 'spread',
          runs: [...before, ...runs(2500, (i) => START + 1000 + i * 241_900, 0)],
        },
        // All within one hour: a 6-hour block of 2,500 must be halved until each part is under 1,000.
        {
          owner: 'acme',
          name: 'burst',
          runs: [...before, ...runs(2500, (i) => START + 86_400_000 + i * 1_400, 0)],
        },
      ],
    },
  });
});
afterAll(() => gh.close());

describe.each(['spread', 'burst'])('2,500 runs in W (%s)', (name) => {
  it('counts every one of them and only them', async () => {
    clearProcessCaches();
    gh.requests.length = 0;
    const points = byName(
      await githubCollector.collect(collectContext('ci', `acme/${name}`, settings(gh.url), AS_OF)),
    );
    expect(points['github.ci.workflow_runs_7d']).toBe(2500);
    // i = 0, 10, …, 2490.
    expect(points['github.ci.failed_workflows_7d']).toBe(250);
    expect(points['github.ci.success_rate_7d']).toBe(90);
    // No listing was read past its cap: every page asked for is within the first 1,000 results.
    const pages = gh.requests.map((r) => Number(new URL(r.path, gh.url).searchParams.get('page') ?? 1));
    expect(Math.max(...pages)).toBeLessThanOrEqual(10);
  });
});
