/**
 * The small hand-made dataset every expected value is derived from (derivations in the tests).
 * Times are written for ANCHOR, the slot the tests collect: W = (06-08T12:00Z, 06-15T12:00Z].
 */
import type { FakeDataset, FakeRun } from '../../../src/fakes/github';
import { widgetsPulls } from './fixture-pulls';
import { ANCHOR, d } from './fixture-time';

export { ANCHOR, AS_OF } from './fixture-time';

const run = (
  id: number,
  workflowId: number,
  branch: string,
  status: FakeRun['status'],
  conclusion: string | null,
  created: string,
  started: string,
  updated: string,
  attempt = 1,
): FakeRun => ({
  id,
  workflowId,
  branch,
  event: branch === 'main' ? 'push' : 'pull_request',
  status,
  conclusion,
  createdAt: d(created),
  startedAt: d(started),
  updatedAt: d(updated),
  attempt,
});

export const fixture: FakeDataset = {
  anchor: ANCHOR,
  repos: [
    {
      owner: 'acme',
      name: 'widgets',
      pulls: widgetsPulls,
      commits: [
        commit('c1', 'Add widget API', 'alice', '06-14T10:00', '06-14T10:00', 100, 10, 5),
        commit('c2', 'Hotfix: null check', 'bob', '06-13T09:00', '06-13T09:00', 5, 1, 1),
        {
          ...commit(
            'c3',
            'Bump lodash from 4.17.20 to 4.17.21',
            undefined,
            '06-12T08:00',
            '06-12T08:00',
            20,
            20,
            2,
          ),
          author: { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' },
        },
        {
          ...commit('c4', 'Revert "Add flaky test"', undefined, '06-11T07:00', '06-11T07:00', 0, 30, 1),
          author: { name: 'Carol', email: 'carol@example.com' },
        },
        {
          ...commit('c5', 'Force-merge release branch', 'alice', '06-01T00:00', '06-10T12:00', 7, 3, 4),
          filesUnavailable: true,
        },
        commit('c6', 'hotfix something', 'bob', '06-09T00:00', '06-08T11:00', 50, 50, 9),
        commit('c7', 'force push cleanup', 'alice', '06-12T12:00', '06-12T12:00', 1, 1, 1),
        commit('c8', 'Revert X', 'bob', '06-08T12:00', '06-08T12:00', 3, 3, 3),
        commit('c9', 'Release 1.2.0', 'release-robot', '06-14T11:00', '06-14T11:00', 2, 2, 1),
      ],
      workflows: [
        { id: 1, name: 'Tests', path: '.github/workflows/tests.yml' },
        { id: 2, name: 'Benchmarks', path: '.github/workflows/bench.yml' },
        { id: 3, name: 'Lint', path: '.github/workflows/lint.yml' },
        { id: 4, name: 'Nightly', path: '.github/workflows/nightly.yml' },
      ],
      runs: [
        run(1, 1, 'main', 'completed', 'success', '06-14T10:00', '06-14T10:01', '06-14T10:11'),
        run(2, 1, 'main', 'completed', 'cancelled', '06-14T11:00', '06-14T11:01', '06-14T11:03'),
        run(3, 1, 'feature-x', 'completed', 'failure', '06-14T09:00', '06-14T09:00', '06-14T09:20'),
        run(4, 3, 'main', 'completed', 'success', '06-13T08:00', '06-13T08:30', '06-13T08:34', 2),
        run(5, 2, 'main', 'completed', 'failure', '06-12T00:00', '06-12T00:00', '06-12T01:00'),
        run(6, 1, 'main', 'completed', 'timed_out', '06-11T00:00', '06-11T00:00', '06-11T06:00'),
        run(7, 3, 'feature-x', 'completed', 'skipped', '06-10T00:00', '06-10T00:00', '06-10T00:00'),
        run(8, 1, 'main', 'in_progress', null, '06-15T11:50', '06-15T11:51', '06-15T11:55'),
        run(9, 3, 'main', 'completed', 'success', '06-08T11:00', '06-08T11:00', '06-08T11:05'),
        run(10, 1, 'main', 'completed', 'success', '06-09T00:00', '06-09T00:00', '06-09T00:30'),
        run(11, 4, 'main', 'completed', 'success', '05-30T00:00', '05-30T00:00', '05-30T01:00'),
      ],
      branches: [
        { name: 'main', committedAt: d('06-14T11:00') },
        { name: 'feature-x', committedAt: d('06-14T09:00') },
        { name: 'old-1', committedAt: d('01-01T00:00') },
        { name: 'mid', committedAt: d('04-01T00:00') },
        { name: 'edge-30', committedAt: d('05-16T12:00') },
        { name: 'edge-90', committedAt: d('03-17T12:00') },
        { name: 'dependabot/npm_and_yarn/lodash', committedAt: d('06-12T08:00') },
      ],
    },
    { owner: 'acme', name: 'empty' },
    { owner: 'acme', name: 'gadgets-api' },
    { owner: 'acme', name: 'gadgets-web' },
    { owner: 'acme', name: 'legacy', archived: true },
    { owner: 'octocat', name: 'hello-world', ownerType: 'User' },
  ],
};

function commit(
  sha: string,
  message: string,
  login: string | undefined,
  authored: string,
  committed: string,
  additions: number,
  deletions: number,
  files: number,
) {
  return {
    sha: sha.padEnd(40, '0').replace(/[^0-9a-f]/g, 'c'),
    message,
    author: {
      name: login ?? 'unknown',
      email: `${login ?? 'unknown'}@example.com`,
      ...(login ? { login } : {}),
    },
    authoredAt: d(authored),
    committedAt: d(committed),
    additions,
    deletions,
    files,
  };
}

/**
 * The fixture with `n` more runs of widgets, long before W (one an hour from 01-01, lint on
 * feature-x, all successes): none is in W or on main, so every value derived from the fixture holds;
 * only the repository's run history no longer fits one page of 100.
 */
export function withOldRuns(n: number): FakeDataset {
  const hour = (i: number) => new Date(Date.parse('2025-01-01T00:00:00Z') + i * 3_600_000).toISOString();
  const old = Array.from({ length: n }, (_, i) => ({
    ...run(10_000 + i, 3, 'feature-x', 'completed', 'success', '01-01T00:00', '01-01T00:00', '01-01T00:00'),
    createdAt: hour(i),
    startedAt: hour(i),
    updatedAt: hour(i),
  }));
  return {
    ...fixture,
    repos: fixture.repos.map((r) => (r.name === 'widgets' ? { ...r, runs: [...(r.runs ?? []), ...old] } : r)),
  };
}
