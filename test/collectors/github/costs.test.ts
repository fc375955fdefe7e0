/** What units cost, as the budget planner learns it: each unit's last read, and first reads by class. */
import {
  FIRST_READS_TO_LEARN,
  activityOf,
  firstReadCost,
  forgetFirstReads,
  lastUnitCost,
  noteUnitCost,
} from '../../../src/collectors/github/budget/costs';
import { clearProcessCaches } from '../../../src/collectors/github/client/caches';

beforeEach(() => {
  clearProcessCaches();
  forgetFirstReads();
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
  expect(firstReadCost('s', 'quiet', 'pulls')).toBeUndefined();
  // q0 read again at 50: not a first read. An active repo and another group: other classes.
  noteUnitCost('s', 'acme/q0', 'pulls', { core: 0, graphql: 50 }, NOW, 'quiet');
  noteUnitCost('s', 'acme/a0', 'pulls', { core: 0, graphql: 60 }, NOW, 'active');
  noteUnitCost('s', 'acme/q5', 'ci', { core: 3, graphql: 0 }, NOW, 'quiet');
  expect(firstReadCost('s', 'quiet', 'pulls')).toBeUndefined();
  // The fifth first read, at 4: (1 + 2 + 2 + 3 + 4) / 5 = 2.4, rounded up to 3 (errs on the token's side).
  noteUnitCost('s', 'acme/q4', 'pulls', { core: 1, graphql: 4 }, NOW, 'quiet');
  expect(FIRST_READS_TO_LEARN).toBe(5);
  expect(firstReadCost('s', 'quiet', 'pulls')).toEqual({ core: 1, graphql: 3 });
  // Other credentials learn apart; the unit's own last cost is its latest read.
  expect(firstReadCost('other', 'quiet', 'pulls')).toBeUndefined();
  expect(lastUnitCost('s', 'acme/q0', 'pulls')).toMatchObject({ core: 0, graphql: 50, readMs: NOW });
});

test('a read that spent nothing teaches nothing; without a class only the last cost is kept', () => {
  for (let i = 0; i < 5; i++) noteUnitCost('s', `acme/r${i}`, 'ci', { core: 0, graphql: 0 }, NOW, 'quiet');
  for (let i = 0; i < 5; i++) noteUnitCost('s', `acme/b${i}`, 'ci', { core: 9, graphql: 0 }, NOW);
  expect(firstReadCost('s', 'quiet', 'ci')).toBeUndefined();
  expect(firstReadCost('s', 'active', 'ci')).toBeUndefined();
  expect(lastUnitCost('s', 'acme/r0', 'ci')).toBeUndefined();
  expect(lastUnitCost('s', 'acme/b0', 'ci')).toMatchObject({ core: 9 });
});
