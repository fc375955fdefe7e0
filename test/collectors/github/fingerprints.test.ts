/**
 * Fingerprints of many repositories in one GraphQL query (aliases), through the real Octokit client
 * against the fake GitHub: the values derived from the fixture, the cost, a missing repository, and
 * what counts as a change.
 */
import { createGithubClient } from '../../../src/collectors/github/client/create';
import {
  changed,
  FINGERPRINTS_PER_QUERY,
  readFingerprints,
  type RepoFingerprint,
} from '../../../src/collectors/github/changes/fingerprints';
import { parseRepo } from '../../../src/collectors/github/repo';
import { startFakeGitHub, type FakeGitHub } from '../../../src/fakes/github';
import { memoryLogger } from '../../../src/log';
import { secretsWith, settings, TOKEN } from './context';
import { fixture } from './fixture';

let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
});
afterAll(() => gh.close());

const client = () =>
  createGithubClient({
    settings: settings(gh.url),
    secrets: secretsWith(),
    fetch,
    log: memoryLogger(),
  });

test('one query reads every repository; a missing one is undefined, not a failure', async () => {
  gh.requests.length = 0;
  const prints = await readFingerprints(await client(), [
    parseRepo('acme/widgets'),
    parseRepo('acme/empty'),
    parseRepo('acme/missing'),
  ]);
  expect(Object.fromEntries(prints)).toEqual({
    // pushedAt: the newest branch head, main at 06-14T11:00; the newest PR update 06-14T00:00
    // (fixture-pulls.ts); 7 branches; the default branch main.
    'acme/widgets': {
      pushedAt: '2025-06-14T11:00:00Z',
      pullUpdatedAt: '2025-06-14T00:00:00Z',
      branches: 7,
      defaultBranch: 'main',
    },
    // No commit and no branch listed: the fake's default branch alone, dated 2020-01-01; no PR.
    'acme/empty': {
      pushedAt: '2020-01-01T00:00:00Z',
      pullUpdatedAt: null,
      branches: 1,
      defaultBranch: 'main',
    },
    'acme/missing': undefined,
  });
  // One request; 3 aliases × 2 connections = 6 requests of GitHub's score, / 100, at least 1 point.
  expect(gh.requests.map((r) => [r.operation, r.cost])).toEqual([['fingerprints', 1]]);
});

test('more repositories than one query holds take one query per hundred', async () => {
  gh.requests.length = 0;
  const repos = Array.from({ length: FINGERPRINTS_PER_QUERY + 50 }, (_, i) =>
    parseRepo(i === 0 ? 'acme/widgets' : `acme/r${i}`),
  );
  const prints = await readFingerprints(await client(), repos);
  expect(prints.size).toBe(150);
  expect(prints.get('acme/widgets')?.branches).toBe(7);
  expect(prints.get('acme/r149')).toBeUndefined();
  // 100 aliases × 2 connections = 200 → 2 points; 50 × 2 = 100 → 1 point.
  expect(gh.requests.map((r) => r.cost)).toEqual([2, 1]);
});

test('a change is any of the four moving, or a repository appearing or going', () => {
  const print: RepoFingerprint = { pushedAt: 'a', pullUpdatedAt: 'b', branches: 3, defaultBranch: 'main' };
  expect(changed(print, { ...print })).toBe(false);
  expect(changed(print, { ...print, pushedAt: 'c' })).toBe(true);
  expect(changed(print, { ...print, pullUpdatedAt: null })).toBe(true);
  expect(changed(print, { ...print, branches: 2 })).toBe(true);
  expect(changed(print, { ...print, defaultBranch: 'trunk' })).toBe(true);
  expect(changed(undefined, print)).toBe(true);
  expect(changed(print, undefined)).toBe(true);
});
