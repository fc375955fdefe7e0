/**
 * Every SkyPilot metric, end to end: the collector reads the fake server over HTTP and each value is
 * compared with its hand derivation in fixture.ts.
 */
import { checkPoints } from '../../../src/catalog/points';
import { runUnit } from '../../../src/engine/run-unit';
import { skypilotCollector, skypilotCatalog } from '../../../src/collectors/skypilot';
import { startFakeSkyPilot, type FakeSkyPilot } from '../../../src/fakes/skypilot';
import { AS_OF, CLUSTERS, EXPECTED_JOB_METRICS, JOBS, T } from './fixture';
import { byName, expectMetrics, makeContext } from './context';

let fake: FakeSkyPilot;

beforeAll(async () => {
  fake = await startFakeSkyPilot({
    dataset: { jobs: JOBS, clusters: CLUSTERS },
    token: 'sky_test',
    now: () => T,
  });
});
afterAll(() => fake.close());

async function collect(group: 'jobs' | 'clusters', options: Record<string, unknown> = {}) {
  const { ctx } = makeContext({ group, asOf: AS_OF, url: fake.url, token: 'sky_test', options });
  return await skypilotCollector.collect(ctx);
}

test('computes every job metric as derived by hand, over three pages of the queue', async () => {
  const points = await collect('jobs', { pageSize: 10 });
  expectMetrics(byName(points), EXPECTED_JOB_METRICS);
  // 22 jobs at 10 per page: pages 1, 2 and 3, each a POST and a GET.
  const pages = fake.requests
    .filter((r) => r.path === '/jobs/queue/v2')
    .map((r) => (r.body as { page: number }).page);
  expect(pages.sort()).toEqual([1, 2, 3]);
});

test('every emitted point is declared in the catalog with its tags', async () => {
  const points = await collect('jobs');
  const check = checkPoints(skypilotCatalog, points, { group: 'jobs', backfill: false });
  expect(check.invalid).toEqual([]);
  const emitted = new Set(points.map((p) => p.metric));
  const declared = skypilotCatalog.metrics.filter((m) => m.group === 'jobs').map((m) => m.name);
  expect(declared.filter((m) => !emitted.has(m))).toEqual([]);
});

test('clusters.active counts clusters in status UP', async () => {
  // CLUSTERS: UP, UP, STOPPED, INIT, AUTOSTOPPING → 2
  expect(byName(await collect('clusters'))).toEqual({ 'skypilot.clusters.active': 2 });
  const status = fake.requests.find((r) => r.path === '/status');
  expect(status?.body).toMatchObject({ include_credentials: false, refresh: 'NONE', all_users: true });
});

test('an empty queue gives zero counts and no statistics', async () => {
  const empty = await startFakeSkyPilot({ dataset: { jobs: [], clusters: [] }, now: () => T });
  try {
    const { ctx } = makeContext({ group: 'jobs', asOf: AS_OF, url: empty.url });
    const got = byName(await skypilotCollector.collect(ctx));
    expect(Object.keys(got).filter((k) => /runtime_seconds|recovery_count\./.test(k))).toEqual([]);
    expect(got['skypilot.jobs.running']).toBe(0);
    expect(got['skypilot.resources.gpus.total_count']).toBe(0);
    expect(got['skypilot.users.active_count']).toBe(0);
    expect(got['skypilot.controller.up']).toBe(1);
  } finally {
    await empty.close();
  }
});

test('asks the queue for every user, without refresh, with a fields projection', async () => {
  fake.requests.length = 0;
  await collect('jobs');
  const body = fake.requests.find((r) => r.path === '/jobs/queue/v2')?.body as Record<string, unknown>;
  expect(body).toMatchObject({ all_users: true, refresh: false, page: 1, limit: 1000 });
  expect(body.fields).toEqual(expect.arrayContaining(['job_duration', 'accelerators', 'region', 'end_at']));
});

test('through the engine: every data point carries skypilot_server and asOf, none is dropped', async () => {
  const { ctx } = makeContext({ group: 'jobs', asOf: AS_OF, url: fake.url, token: 'sky_test' });
  const result = await runUnit({
    ...ctx,
    collector: skypilotCollector,
    mode: 'scheduled',
    commonTags: ['collector:skypilot', 'env:test'],
  });
  expect(result.invalid).toEqual([]);
  expect(result.points.length).toBe(Object.keys(EXPECTED_JOB_METRICS).length);
  for (const p of result.points) {
    expect(p.tags).toContain('skypilot_server:prod');
    expect(p.timestamp).toBe(T);
    expect(p.type).toBe('gauge');
  }
});

test('a backfill keeps only what the queue can tell for a past asOf', async () => {
  // asOf = T − 1 d: failed (24 h) = 14 (ended exactly T − 1 d) and none else ended in (T − 2 d, T − 1 d];
  // 18 ended at T − 25 h: succeeded 1. W = (T − 8 d, T − 1 d]: failed 14, 15 and 16 (T − 7 d) → 3.
  const asOf = new Date((T - 24 * 3600) * 1000);
  const { ctx } = makeContext({ group: 'jobs', asOf, url: fake.url, token: 'sky_test' });
  const result = await runUnit({ ...ctx, collector: skypilotCollector, mode: 'backfill', commonTags: [] });
  const got = Object.fromEntries(result.points.map((p) => [p.metric, p.value]));
  expect(got).toMatchObject({
    'skypilot.jobs.failed': 1,
    'skypilot.jobs.failed_7d': 3,
    'skypilot.jobs.succeeded': 1,
    'skypilot.jobs.cancelled': 0,
    // Processing at T − 1 d: carol (job 4, submitted T − 1 d − 600 s), heidi, ivan, judy;
    // submitted in W: bob (14, 15), oscar (18). The jobs submitted later do not count.
    'skypilot.users.active_count': 6,
  });
  expect(Object.keys(got).sort()).toEqual(
    ['cancelled', 'failed', 'failed_7d', 'succeeded']
      .map((n) => `skypilot.jobs.${n}`)
      .concat('skypilot.users.active_count'),
  );
});
