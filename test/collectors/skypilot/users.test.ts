/**
 * skypilot.users.active_count: a user is a user_hash (SkyPilot's user id), not a display name; the
 * name counts only for rows without a hash. Expected values are derived by hand in the comments.
 */
import { skypilotCollector } from '../../../src/collectors/skypilot';
import { startFakeSkyPilot, type FakeJob, type FakeSkyPilot } from '../../../src/fakes/skypilot';
import { AS_OF, CLUSTERS, D, H, T, ended, job, running } from './fixture';
import { byName, makeContext } from './context';

let fake: FakeSkyPilot | undefined;
afterEach(() => fake?.close());

async function collect(jobs: FakeJob[]) {
  fake = await startFakeSkyPilot({ dataset: { jobs, clusters: CLUSTERS }, now: () => T });
  const { ctx } = makeContext({ group: 'jobs', asOf: AS_OF, url: fake.url });
  return { got: byName(await skypilotCollector.collect(ctx)), requests: fake.requests };
}

const as = (user: string, hash: string | null) => ({ user_name: user, user_hash: hash });

test('users are told apart by user_hash; the name counts only where no hash is given', async () => {
  const cpu = { nodes: 1, spot: false, region: 'us-east-1' };
  const { got, requests } = await collect([
    { ...running(1, 'ubuntu', 100, '1x[CPU:4]', cpu), ...as('ubuntu', 'hash-a') },
    { ...job(2, 'ubuntu', 'PENDING', { submitted_at: T - 600 }), ...as('ubuntu', 'hash-b') },
    { ...ended(3, 'ubuntu', 'SUCCEEDED', T - H, T - 2 * H), ...as('ubuntu', 'hash-a') },
    { ...ended(4, 'ci', 'FAILED', T - 2 * H), ...as('ci', null) },
    { ...ended(5, 'ci', 'CANCELLED', T - 3 * H), ...as('ci', null) },
    { ...ended(6, 'ubuntu', 'SUCCEEDED', T - 9 * D, T - 10 * D), ...as('ubuntu', 'hash-c') },
  ]);
  // hash-a (1 running, 3 submitted in W), hash-b (2 pending), ci without a hash (4, 5 submitted in
  // W: one name) → 3. hash-c submitted 10 d before asOf and ended 9 d before: not active.
  expect(got['skypilot.users.active_count']).toBe(3);
  const body = requests.find((r) => r.path === '/jobs/queue/v2')?.body as { fields: string[] };
  expect(body.fields).toEqual(expect.arrayContaining(['user_hash', 'user_name']));
});
