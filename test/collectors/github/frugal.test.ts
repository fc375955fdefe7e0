/**
 * What a cycle costs on the generated busy repo (~375 PRs, ~600 commits, ~3,600 runs over 30 days):
 * requests per group cold and warm, from the fake's log. The counts depend on pages, never on the
 * number of PRs or commits (no request per item), and a warm cycle is mostly free 304s.
 */
import { githubCollector } from '../../../src/collectors/github';
import { GROUPS } from '../../../src/collectors/github/catalog';
import { clearProcessCaches } from '../../../src/collectors/github/client/caches';
import {
  generateDataset,
  startFakeGitHub,
  type FakeDataset,
  type FakeGitHub,
  type FakeRun,
  type LoggedRequest,
} from '../../../src/fakes/github';
import { collectContext, settings, TOKEN } from './context';

const NOW = new Date('2025-06-15T12:07:00Z');
const LATER = new Date(NOW.getTime() + 15 * 60_000);
const dataset = generateDataset({ seed: 1, now: NOW });
let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ dataset, token: TOKEN });
});
afterAll(() => gh.close());

/** The requests each group's unit made (from the fake's log) and what it reported spending. */
const reported: Record<string, Record<string, number>> = {};

async function cycle(asOf: Date): Promise<Record<string, LoggedRequest[]>> {
  const s = settings(gh.url, { testWorkflows: ['Tests'], benchmarkWorkflows: ['benchmarks.yml'] });
  const byGroup: Record<string, LoggedRequest[]> = {};
  for (const group of GROUPS) {
    const before = gh.requests.length;
    const points = await githubCollector.collect(collectContext(group, 'acme/service-01', s, asOf));
    byGroup[group] = gh.requests.slice(before);
    reported[group] = Object.fromEntries(
      points.filter((p) => p.metric === 'github.api.requests').map((p) => [p.tags!.resource!, p.value]),
    );
  }
  return byGroup;
}

const charged = (requests: readonly LoggedRequest[]) =>
  requests.filter((r) => r.resource !== 'none' && r.status !== 304);

/** The same repo 15 minutes later: 30 new runs, and a run of three hours ago re-run. */
function fifteenMinutesLater(d: FakeDataset): FakeDataset {
  const repo = d.repos[0]!;
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const fresh: FakeRun[] = Array.from({ length: 30 }, (_, i) => {
    const created = NOW.getTime() + i * 30_000;
    return {
      id: 9_000_000 + i,
      workflowId: 101,
      branch: 'main',
      event: 'push',
      status: 'completed',
      conclusion: 'success',
      createdAt: iso(created),
      startedAt: iso(created),
      updatedAt: iso(created + 60_000),
    };
  });
  const threeHoursAgo = NOW.getTime() - 3 * 3_600_000;
  const target = repo
    .runs!.filter((r) => Date.parse(r.createdAt) < threeHoursAgo)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]!;
  const runs = repo.runs!.map((r) =>
    r === target ? { ...r, attempt: 2, updatedAt: iso(LATER.getTime() - 60_000) } : r,
  );
  return { ...d, repos: [{ ...repo, runs: [...runs, ...fresh] }] };
}

describe('request budget on a busy repo', () => {
  it('costs a bounded number of pages cold and at most 10 rate-limited requests warm', async () => {
    clearProcessCaches();
    const cold = await cycle(NOW);
    const unchanged = await cycle(LATER);
    gh.replaceDataset(fifteenMinutesLater(dataset));
    const warm = await cycle(LATER);
    const counts = (c: Record<string, LoggedRequest[]>) =>
      Object.fromEntries(GROUPS.map((g) => [g, charged(c[g]!).length]));
    // Cold: pulls 1 list query (85 open, 79 closed updated in W: one page each) + 3 comment queries
    // (55 merged PRs, 25 per query); commits 2 history pages (136 commits) + 3 REST file lists (the
    // commits in W whose GraphQL count is null); ci: the repo, the first page of every run (3,600:
    // more than a page, remembered), the probe of the whole window (827 runs: more than a page) and
    // 15 aligned half-day blocks (192 h × 100 / 827 ≈ 23 h → 12 h) of fewer than 100 runs each;
    // branches 2 pages (151); api free.
    expect(counts(cold)).toEqual({ pulls: 4, commits: 5, ci: 18, branches: 2, api: 0 });
    // 15 min later, data unchanged: GraphQL lists again (POST: no ETags), no comment query (no merged
    // PR changed), every REST page 304 (free).
    expect(counts(unchanged)).toEqual({ pulls: 1, commits: 2, ci: 0, branches: 2, api: 0 });
    expect(unchanged.ci!.filter((r) => r.status === 304)).toHaveLength(17);
    // With 30 new runs and a re-run: the probe, the current half-day and the re-run's half-day change.
    expect(counts(warm)).toEqual({ pulls: 1, commits: 2, ci: 3, branches: 2, api: 0 });
    // Each unit reports exactly what the fake charged it, by resource (the last, warm cycle here).
    for (const group of GROUPS) {
      const byResource = (resource: string) =>
        charged(warm[group]!).filter((r) => r.resource === resource).length;
      expect(reported[group]).toEqual({
        core: byResource('core'),
        search: byResource('search'),
        graphql: byResource('graphql'),
      });
    }
    const points = (c: Record<string, LoggedRequest[]>) =>
      Object.values(c)
        .flat()
        .filter((r) => r.resource === 'graphql')
        .reduce((sum, r) => sum + r.cost, 0);
    process.stdout.write(
      `requests per group: cold ${JSON.stringify(counts(cold))} (${points(cold)} GraphQL points), ` +
        `warm ${JSON.stringify(counts(warm))} (${points(warm)} points), unchanged ${JSON.stringify(counts(unchanged))}\n`,
    );
  });
});
