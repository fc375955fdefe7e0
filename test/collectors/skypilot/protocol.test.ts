/**
 * The async request protocol against the fake server: response shapes, the legacy endpoint and
 * header, paging while the queue grows, and what each kind of failure becomes.
 */
import { PermanentError, RateLimitedError } from '../../../src/errors';
import { skypilotCollector } from '../../../src/collectors/skypilot';
import {
  startFakeSkyPilot,
  type FakeJob,
  type FakeSkyPilot,
  type FakeSkyPilotOptions,
} from '../../../src/fakes/skypilot';
import { AS_OF, CLUSTERS, EXPECTED_JOB_METRICS, JOBS, T } from './fixture';
import { byName, expectMetrics, makeContext } from './context';

let fake: FakeSkyPilot | undefined;
afterEach(() => fake?.close());

/** The fake's job list is this array: a test may add jobs while the collector reads. */
let jobs: FakeJob[] = [];

async function start(options: FakeSkyPilotOptions = {}) {
  jobs = [...JOBS];
  fake = await startFakeSkyPilot({ dataset: { jobs, clusters: CLUSTERS }, now: () => T, ...options });
  return fake;
}

function collectJobs(url: string, options: Record<string, unknown> = {}) {
  const made = makeContext({ group: 'jobs', asOf: AS_OF, url, options });
  return { ...made, result: skypilotCollector.collect(made.ctx) };
}

test('reads the bare-array shape of /jobs/queue/v2 like the object shape', async () => {
  const f = await start({ bareArrayV2: true });
  expectMetrics(byName(await collectJobs(f.url).result), EXPECTED_JOB_METRICS);
});

test('falls back to the legacy /jobs/queue when /jobs/queue/v2 is missing (404)', async () => {
  const f = await start({ legacyOnly: true, legacyRequestIdHeader: true });
  const { result, log } = collectJobs(f.url);
  expectMetrics(byName(await result), EXPECTED_JOB_METRICS);
  expect(f.requests.filter((r) => r.method === 'POST').map((r) => [r.path, r.status])).toEqual([
    ['/jobs/queue/v2', 404],
    ['/jobs/queue', 200],
  ]);
  expect(log.lines.some((l) => l.includes('using /jobs/queue'))).toBe(true);
});

test('SkyPilot 0.10.0–0.10.2: the legacy /jobs/queue answers {jobs, total, …}, read like the bare array', async () => {
  const f = await start({ legacyOnly: true, legacyEnvelope: true });
  expectMetrics(byName(await collectJobs(f.url).result), EXPECTED_JOB_METRICS);
  expect(f.requests.filter((r) => r.method === 'POST').map((r) => [r.path, r.status])).toEqual([
    ['/jobs/queue/v2', 404],
    ['/jobs/queue', 200],
  ]);
});

test('jobs submitted between pages shift the queue: no row is lost or counted twice', async () => {
  const f = await start();
  let added = false;
  const { ctx } = makeContext({
    group: 'jobs',
    asOf: AS_OF,
    url: f.url,
    options: { pageSize: 10, concurrency: 1 },
  });
  const fetchAndGrow: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (!added && typeof input === 'string' && input.includes('/api/get')) {
      // After page 1 (jobs 22–13), 9 newer jobs arrive: page 2 is then jobs 21–12, page 3 11–2,
      // and the total of 31 asks for a page 4 (job 1). The new jobs themselves came after page 1.
      added = true;
      for (let id = 23; id <= 31; id++) jobs.push({ ...JOBS[7]!, job_id: id, user_name: 'frank' });
    }
    return res;
  };
  const got = byName(await skypilotCollector.collect({ ...ctx, fetch: fetchAndGrow }));
  expectMetrics(got, EXPECTED_JOB_METRICS);
  expect(f.requests.filter((r) => r.path === '/jobs/queue/v2').length).toBe(4);
});

test('controller down: controller.up 0 and no job metric', async () => {
  const f = await start({ controllerUp: false });
  const { result, log } = collectJobs(f.url);
  expect(await result).toEqual([{ metric: 'skypilot.controller.up', value: 0 }]);
  expect(log.lines.some((l) => l.includes('No in-progress managed jobs.'))).toBe(true);
});

test('another server-side failure (500 with an encoded error) fails the unit retryably', async () => {
  const f = await start();
  f.fail('/jobs/queue/v2', { type: 'RuntimeError', message: 'Failed to fetch managed jobs' });
  const err = await collectJobs(f.url).result.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Error);
  expect(err).not.toBeInstanceOf(PermanentError);
  expect((err as Error).message).toBe(
    'SkyPilot API server prod: POST /jobs/queue/v2 failed: RuntimeError: Failed to fetch managed jobs',
  );
});

test('503 is retried by the engine (retryable); with Retry-After it says when', async () => {
  const f = await start();
  f.respondWith([{ status: 503, path: '/api/get', detail: 'Server is shutting down' }]);
  const plain = await collectJobs(f.url).result.catch((e: unknown) => e);
  expect(plain).not.toBeInstanceOf(PermanentError);
  expect((plain as Error).message).toContain('HTTP 503: Server is shutting down');
  f.respondWith([{ status: 503, path: '/jobs/queue/v2', retryAfter: 7 }]);
  const later = await collectJobs(f.url).result.catch((e: unknown) => e);
  expect(later).toBeInstanceOf(RateLimitedError);
  expect((later as RateLimitedError).retryAfterMs).toBe(7000);
});

test('an unknown request id (404 from /api/get) fails retryably', async () => {
  const f = await start();
  f.respondWith([{ status: 404, path: '/api/get' }]);
  const err = await collectJobs(f.url).result.catch((e: unknown) => e);
  expect(err).not.toBeInstanceOf(PermanentError);
  expect((err as Error).message).toContain('no longer knows the request of POST /jobs/queue/v2');
});
