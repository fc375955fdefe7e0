/** What units cost, as the budget planner learns it: each unit's last read, and first reads by class. */
import {
  READS_TO_LEARN,
  activityOf,
  classReadCost,
  forgetClassReads,
  lastUnitCost,
  noteUnitCost,
} from '../../../src/collectors/github/budget/costs';
import { clearProcessCaches } from '../../../src/collectors/github/client/caches';

beforeEach(() => {
  clearProcessCaches();
  forgetClassReads();
});

const NOW = Date.parse('2026-03-02T10:00:00Z');

test('a repo is active with a push or a PR update since the window start; unknown counts as active', () => {
  const since = Date.parse('2026-02-23T10:00:00Z');
  const print = { pushedAt: '2026-01-01T00:00:00Z', pullUpdatedAt: null, branches: 1, defaultBranch: 'main' };
  expect(activityOf(print, since)).toBe('quiet');
  expect(activityOf({ ...print, pullUpdatedAt: '2026-02-24T00:00:00Z' }, since)).toBe('active');
  expect(activityOf({ ...print, pushedAt: '2026-02-23T10:00:01Z' }, since)).toBe('active');
  expect(activityOf(undefined, since)).toBe('active');
});

test("first reads of a class teach its mean, once there are enough; later reads and other classes don't count", () => {
  // Quiet pulls read first at 1, 2, 2, 3 points: 4 reads, not enough yet.
  [1, 2, 2, 3].forEach((graphql, i) =>
    noteUnitCost('s', `acme/q${i}`, 'pulls', { core: 0, graphql }, NOW, 'quiet'),
  );
  expect(classReadCost('s', 'first', 'quiet', 'pulls')).toBeUndefined();
  // q0 read again at 50: not a first read. An active repo and another group: other classes.
  noteUnitCost('s', 'acme/q0', 'pulls', { core: 0, graphql: 50 }, NOW, 'quiet');
  noteUnitCost('s', 'acme/a0', 'pulls', { core: 0, graphql: 60 }, NOW, 'active');
  noteUnitCost('s', 'acme/q5', 'ci', { core: 3, graphql: 0 }, NOW, 'quiet');
  expect(classReadCost('s', 'first', 'quiet', 'pulls')).toBeUndefined();
  // The fifth first read, at 4 points and 1 request: (1 + 2 + 2 + 3 + 4) / 5 = 2.4 points, 1 / 5 = 0.2 requests.
  noteUnitCost('s', 'acme/q4', 'pulls', { core: 1, graphql: 4 }, NOW, 'quiet');
  expect(READS_TO_LEARN).toBe(5);
  expect(classReadCost('s', 'first', 'quiet', 'pulls')).toEqual({ core: 0.2, graphql: 2.4 });
  // Other credentials learn apart; the unit's own last cost is its latest read.
  expect(classReadCost('other', 'first', 'quiet', 'pulls')).toBeUndefined();
  expect(lastUnitCost('s', 'acme/q0', 'pulls')).toMatchObject({ core: 0, graphql: 50, readMs: NOW });
});

test('a free read of a group that keeps its reads was kept and teaches nothing; a free ci read counts', () => {
  // pulls that cost nothing: served from memory.
  for (let i = 0; i < 5; i++) noteUnitCost('s', `acme/r${i}`, 'pulls', { core: 0, graphql: 0 }, NOW, 'quiet');
  expect(classReadCost('s', 'first', 'quiet', 'pulls')).toBeUndefined();
  expect(lastUnitCost('s', 'acme/r0', 'pulls')).toBeUndefined();
  // ci answered 304 after a first read of 3 requests: a re-read that cost nothing, and the unit's last cost.
  for (let i = 0; i < 5; i++) noteUnitCost('s', `acme/r${i}`, 'ci', { core: 3, graphql: 0 }, NOW, 'quiet');
  for (let i = 0; i < 4; i++)
    noteUnitCost('s', `acme/r${i}`, 'ci', { core: 0, graphql: 0 }, NOW + 1, 'quiet');
  expect(lastUnitCost('s', 'acme/r0', 'ci')).toEqual({ core: 0, graphql: 0, readMs: NOW + 1, reads: 2 });
  expect(classReadCost('s', 'first', 'quiet', 'ci')).toEqual({ core: 3, graphql: 0 });
  // 4 re-reads: not enough for a mean; a fifth, at 2 requests: (0 + 0 + 0 + 0 + 2) / 5 = 0.4.
  expect(classReadCost('s', 'again', 'quiet', 'ci')).toBeUndefined();
  noteUnitCost('s', 'acme/r4', 'ci', { core: 2, graphql: 0 }, NOW + 1, 'quiet');
  expect(classReadCost('s', 'again', 'quiet', 'ci')).toEqual({ core: 0.4, graphql: 0 });
  // Without a class (a backfill's read), only the unit's own cost is kept.
  noteUnitCost('s', 'acme/b0', 'ci', { core: 9, graphql: 0 }, NOW);
  expect(classReadCost('s', 'first', 'active', 'ci')).toBeUndefined();
  expect(lastUnitCost('s', 'acme/b0', 'ci')).toMatchObject({ core: 9, reads: 1 });
});
