/** Target affinity's pure parts: which replicas are live, and which replica gets a target. */
import {
  POLLER_SEEN_WITHIN_MS,
  liveReplicas,
  plannerOf,
  processReplicaId,
  replicaFor,
  replicaName,
  replicaQueue,
} from '../../src/engine/routing';

const targets = Array.from({ length: 500 }, (_, i) => `org/repo-${i}`);
const assign = (replicas: string[]) => new Map(targets.map((t) => [t, replicaFor(t, replicas)]));

test('live replicas: polled within the poll expiry, each once, sorted; stale and anonymous pollers are not', () => {
  const now = 1_000_000_000;
  const replicas = liveReplicas(
    [
      { identity: '2@pod-b', lastAccessMs: now - 1_000 },
      { identity: '1@pod-a', lastAccessMs: now - POLLER_SEEN_WITHIN_MS },
      { identity: '2@pod-b', lastAccessMs: now - 30_000 },
      // Killed 76 s ago: no poll since.
      { identity: '3@pod-c', lastAccessMs: now - POLLER_SEEN_WITHIN_MS - 1 },
      { identity: '', lastAccessMs: now },
    ],
    now,
  );
  expect(replicas).toEqual(['1@pod-a', '2@pod-b']);
});

test('every target goes to one of the replicas, about evenly; none without replicas', () => {
  const byReplica = new Map<string, number>();
  for (const r of assign(['a', 'b']).values()) byReplica.set(r!, (byReplica.get(r!) ?? 0) + 1);
  expect([...byReplica.keys()].sort()).toEqual(['a', 'b']);
  // A fair coin over 500 targets stays within 250 ± 50 (over 4 standard deviations).
  for (const n of byReplica.values()) expect(Math.abs(n - 250)).toBeLessThan(50);
  expect(replicaFor('org/repo-0', [])).toBeUndefined();
});

test('the choice does not depend on the order the replicas are listed in', () => {
  expect(assign(['a', 'b', 'c'])).toEqual(assign(['c', 'a', 'b']));
});

test('a replica joining takes only targets it wins; one leaving gives away only its own', () => {
  const before = assign(['a', 'b']);
  const joined = assign(['a', 'b', 'c']);
  const moved = targets.filter((t) => before.get(t) !== joined.get(t));
  // Every target that moved went to the newcomer, and it got about a third.
  expect(moved.every((t) => joined.get(t) === 'c')).toBe(true);
  expect(moved.length).toBeGreaterThan(100);
  expect(moved.length).toBeLessThan(230);

  const left = assign(['a']);
  expect(targets.filter((t) => before.get(t) !== left.get(t)).every((t) => before.get(t) === 'b')).toBe(true);
});

test("a replica's own queue is named after the shared unit queue and the replica's name", () => {
  expect(replicaQueue('collectors-github', '41@pod-a')).toBe('collectors-github/41@pod-a');
  // The start is left out: a replica restarted under the same name polls the same queue.
  expect(replicaQueue('collectors-github', '41@pod-a~m0abc12')).toBe('collectors-github/41@pod-a');
});

test('a replica restarted under its name gets its own targets back, and the other keeps all of its own', () => {
  const a = '1@pod-a~lz0000a';
  const b = '1@pod-b~lz0000b';
  const before = assign([a, b]);
  // pod-a's container restarts: same hostname and pid, a later start.
  const after = assign(['1@pod-a~lz0009z', b]);
  expect(targets.every((t) => replicaName(before.get(t)!) === replicaName(after.get(t)!))).toBe(true);
  // A new name (a pod rescheduled) is a replica leaving and another joining: about half of b's move.
  const renamed = assign(['1@pod-c~lz0009z', b]);
  const fromB = targets.filter((t) => before.get(t) === b);
  const moved = fromB.filter((t) => renamed.get(t) !== b).length;
  expect(moved).toBeGreaterThan(fromB.length * 0.3);
  expect(moved).toBeLessThan(fromB.length * 0.7);
});

test('live replicas: of one name listed twice (a restart within the poll expiry), the later start', () => {
  const now = 1_000_000_000;
  const started = (ms: number) => ms.toString(36);
  const before = `1@pod-a~${started(now - 600_000)}`;
  const restarted = `1@pod-a~${started(now - 5_000)}`;
  expect(
    liveReplicas(
      [
        { identity: restarted, lastAccessMs: now - 1_000 },
        { identity: before, lastAccessMs: now - 40_000 },
        { identity: '1@pod-b~0', lastAccessMs: now },
      ],
      now,
    ),
  ).toEqual(['1@pod-a~' + started(now - 5_000), '1@pod-b~0']);
});

test("a replica's name: COLLECTORS_REPLICA, else pid@host; one with a '~' is refused with the fix", () => {
  expect(processReplicaId({ COLLECTORS_REPLICA: 'collectors-7f9c-x2' })).toMatch(
    /^collectors-7f9c-x2~[0-9a-z]+$/,
  );
  expect(processReplicaId({ COLLECTORS_REPLICA: ' ' })).toMatch(new RegExp(`^${process.pid}@.+~[0-9a-z]+$`));
  expect(() => processReplicaId({ COLLECTORS_REPLICA: 'a~b' })).toThrow(/must not contain "~"/);
  expect(replicaName('collectors-7f9c-x2~m0abc12')).toBe('collectors-7f9c-x2');
  expect(replicaName('41@pod-a')).toBe('41@pod-a');
});

test('the replica that started first plans; a restarted one (a later start) does not take the role', () => {
  const started = (ms: number) => ms.toString(36);
  const a = `7@pod-a~${started(1_700_000_000_000)}`;
  const b = `9@pod-b~${started(1_700_000_060_000)}`;
  expect(plannerOf([b, a])).toBe(a);
  // a restarts: a new pid and a later start; b, now the oldest, plans.
  const a2 = `8@pod-a~${started(1_700_000_900_000)}`;
  expect(plannerOf([a2, b])).toBe(b);
  // Ids without a start time come after, by name.
  expect(plannerOf(['2@y', '1@x', b])).toBe(b);
  expect(plannerOf(['2@y', '1@x'])).toBe('1@x');
  expect(plannerOf([])).toBeUndefined();
  // This process's id carries its start.
  expect(processReplicaId({})).toMatch(new RegExp(`^${process.pid}@.+~[0-9a-z]+$`));
});
