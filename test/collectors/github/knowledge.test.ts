/**
 * Change detection: a unit of a repo whose fingerprint has not moved recomputes its windows from what
 * the worker read before, asks GitHub nothing, and gives exactly what a fresh read gives — later in the
 * day, a week on, and for a commit made after the slot it was read for. A moved fingerprint, a slot
 * older than the kept read, or a target the plan did not fingerprint read again.
 */
import { githubCollector } from '../../../src/collectors/github';
import { clearProcessCaches } from '../../../src/collectors/github/client/caches';
import type { RepoFingerprint } from '../../../src/collectors/github/changes/fingerprints';
import { targetOf } from '../../../src/collectors/github/targets';
import { startFakeGitHub, type FakeGitHub } from '../../../src/fakes/github';
import { unitContext } from '../../../src/collectors/kit/unit-context';
import { byName, secretsWith, settings, TOKEN } from './context';
import { AS_OF, fixture, withOldRuns } from './fixture';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
});
afterAll(() => gh.close());
beforeEach(() => clearProcessCaches());
afterEach(() => gh.replaceDataset(fixture));

const REPO = 'acme/widgets';
// The fixture's present state (targets.test.ts derives it): main's head 06-14T11:00, newest PR update
// 06-14T00:00, 7 branches, main the default.
const F: RepoFingerprint = {
  pushedAt: '2025-06-14T11:00:00Z',
  pullUpdatedAt: '2025-06-14T00:00:00Z',
  branches: 7,
  defaultBranch: 'main',
};
const GROUPS = ['pulls', 'commits', 'branches'] as const;
const MINUTE = 60_000;

/** One unit's points and the rate-limited GitHub requests it made (a 304 costs nothing). */
async function unit(group: string, asOf: Date, fingerprint?: RepoFingerprint) {
  gh.requests.length = 0;
  const points = await githubCollector.collect(
    unitContext({
      group,
      target: targetOf(REPO, fingerprint),
      settings: settings(gh.url),
      asOf,
      secrets: secretsWith(),
    }),
  );
  const charged = gh.requests.filter((r) => r.cost > 0);
  return { values: byName(points), operations: charged.map((r) => r.operation ?? r.path) };
}

/** What a read at `asOf` gives, without change detection (and without warming anything kept). */
const truth = (group: string, asOf: Date) => unit(group, asOf).then((r) => r.values);

test.each(GROUPS)('%s: unchanged, recomputed from the kept read, later and a week on', async (group) => {
  const first = await unit(group, AS_OF, F);
  expect(first.operations.length).toBeGreaterThan(0);
  for (const later of [
    new Date(AS_OF.getTime() + 15 * MINUTE),
    new Date(AS_OF.getTime() + 8 * 24 * 60 * MINUTE),
  ]) {
    const expected = await truth(group, later);
    const kept = await unit(group, later, F);
    expect(kept.operations).toEqual([]);
    expect(kept.values).toEqual(expected);
  }
});

test('a commit made after the slot it was read for counts in a later window', async () => {
  // Read at 06-14T09:30, before c1 (committed 06-14T10:00, fixture.ts): the kept read reaches past
  // its slot, so at 06-14T10:30 c1 counts as a fresh read counts it.
  const before = new Date('2025-06-14T09:30:00Z');
  const after = new Date('2025-06-14T10:30:00Z');
  const first = await unit('commits', before, F);
  const expected = await truth('commits', after);
  const kept = await unit('commits', after, F);
  expect(kept.operations).toEqual([]);
  expect(kept.values).toEqual(expected);
  // c1 is the difference: one more commit, +100 lines added (fixture.ts).
  expect(kept.values['github.commits.total_7d']).toBe(first.values['github.commits.total_7d']! + 1);
  expect(kept.values['github.code.lines_added_7d']).toBe(first.values['github.code.lines_added_7d']! + 100);
});

test('a moved fingerprint, an older slot, or no fingerprint read GitHub again', async () => {
  await unit('branches', AS_OF, F);
  const later = new Date(AS_OF.getTime() + 15 * MINUTE);
  expect((await unit('branches', later, { ...F, pushedAt: '2025-06-15T12:05:00Z' })).operations).toEqual([
    'Branches',
  ]);
  expect((await unit('branches', later, { ...F, branches: 8 })).operations).toEqual(['Branches']);
  // Kept for AS_OF, asked for a day before: its window starts before what was read.
  expect((await unit('branches', new Date(AS_OF.getTime() - 24 * 60 * MINUTE), F)).operations).toEqual([
    'Branches',
  ]);
  expect((await unit('branches', later)).operations).toEqual(['Branches']);
});

/** A ci unit of widgets with these options: its values and every request it made. */
async function ciUnit(options: Record<string, unknown>, asOf: Date, fingerprint?: RepoFingerprint) {
  gh.requests.length = 0;
  const points = await githubCollector.collect(
    unitContext({
      group: 'ci',
      target: targetOf(REPO, fingerprint),
      settings: settings(gh.url, options),
      asOf,
      secrets: secretsWith(),
    }),
  );
  return { values: byName(points), requests: [...gh.requests] };
}

test('ci: the default branch comes from the fingerprint, and a missing workflow is not asked for again while unchanged', async () => {
  // widgets has tests.yml, bench.yml, lint.yml and nightly.yml (fixture.ts), not release.yml.
  const ci = async (asOf: Date, fingerprint?: RepoFingerprint) => {
    const { values, requests } = await ciUnit({ benchmarkWorkflows: ['release.yml'] }, asOf, fingerprint);
    return { values, paths: requests.map((r) => `${r.status} ${r.path.split('?')[0]}`) };
  };
  const repo = `/repos/${REPO}`;
  const missing = `404 ${repo}/actions/workflows/release.yml/runs`;
  // Without a fingerprint: the repository for its default branch, and the 404 each time.
  const unprinted = await ci(AS_OF);
  expect(unprinted.paths).toContain(`200 ${repo}`);
  expect(unprinted.paths).toContain(missing);
  expect(unprinted.values['github.ci.benchmarks_passing']).toBeUndefined();

  const first = await ci(AS_OF, F);
  expect(first.paths.some((p) => p.endsWith(` ${repo}`))).toBe(false);
  expect(first.paths).toContain(missing);
  // 15 minutes on, unchanged: the 404 is known; the values are a fresh read's.
  const later = new Date(AS_OF.getTime() + 15 * MINUTE);
  const kept = await ci(later, F);
  expect(kept.paths).not.toContain(missing);
  expect(kept.paths.some((p) => p.endsWith(` ${repo}`))).toBe(false);
  expect(kept.values).toEqual((await ci(later)).values);
  // A push moves the fingerprint: the workflow may exist now, so it is asked for again.
  const pushed = await ci(later, { ...F, pushedAt: '2025-06-14T12:00:00Z' });
  expect(pushed.paths).toContain(missing);
});

test('ci: a workflow whose runs all predate the listing costs nothing while the repo is unchanged', async () => {
  // With 100 old runs more, widgets' runs do not fit a page: the listing starts at the UTC day of W's
  // start (06-08T00:00). Nightly (workflow 4, nightly.yml) ran last on 05-30 (run 11, success on
  // main), before it.
  gh.replaceDataset(withOldRuns(100));
  const ci = async (asOf: Date, fingerprint: RepoFingerprint) => {
    const { values, requests } = await ciUnit({ testWorkflows: ['Nightly'] }, asOf, fingerprint);
    const shown = requests.map((r) => {
      const url = new URL(r.path, gh.url);
      const created = url.searchParams.get('created');
      return `${r.status} ${url.pathname}${created ? ` created=${created}` : ''}`;
    });
    return { passing: values['github.ci.tests_passing_on_main'], requests: shown };
  };
  const repo = `/repos/${REPO}/actions`;
  const first = await ci(AS_OF, F);
  expect(first.passing).toBe(1);
  expect(first.requests).toEqual([
    `200 ${repo}/runs`,
    `200 ${repo}/runs created=2025-06-08T00:00:00Z..2025-06-15T23:59:59Z`,
    `200 ${repo}/workflows`,
    // Up to the second before the listing: the same URL all day.
    `200 ${repo}/workflows/4/runs created=<=2025-06-07T23:59:59Z`,
  ]);
  // 15 minutes on, unchanged: Nightly's id is known, both listings are the same URLs and answer 304.
  const later = await ci(new Date(AS_OF.getTime() + 15 * MINUTE), F);
  expect(later).toEqual({
    passing: 1,
    requests: [
      `304 ${repo}/runs created=2025-06-08T00:00:00Z..2025-06-15T23:59:59Z`,
      `304 ${repo}/workflows/4/runs created=<=2025-06-07T23:59:59Z`,
    ],
  });
  // A push may have renamed or removed the workflow: the list is asked again (a 304 if it did not).
  const pushed = await ci(new Date(AS_OF.getTime() + 30 * MINUTE), {
    ...F,
    pushedAt: '2025-06-15T12:20:00Z',
  });
  expect(pushed.requests).toContain(`304 ${repo}/workflows`);
});
