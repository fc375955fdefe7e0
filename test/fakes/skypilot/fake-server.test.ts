/**
 * The fake SkyPilot API server spoken to with plain HTTP, so the collector's tests can trust it.
 * Shapes follow skypilot 0.14.1 (cited in src/fakes/skypilot).
 */
import { startFakeSkyPilot, type FakeSkyPilot } from '../../../src/fakes/skypilot';

let fake: FakeSkyPilot;
const T = 1_800_000_000;
beforeEach(async () => {
  fake = await startFakeSkyPilot({ token: 'sky_t', now: () => T });
});
afterEach(() => fake.close());

const auth = { authorization: 'Bearer sky_t', 'content-type': 'application/json' };

async function post(path: string, body: unknown, headers: Record<string, string> = auth) {
  const res = await fetch(`${fake.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return {
    status: res.status,
    id: res.headers.get('x-skypilot-request-id'),
    json: await res.json(),
  };
}

async function get(id: string) {
  const res = await fetch(`${fake.url}/api/get?request_id=${id}`, { headers: auth });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

test('POST answers null and a request id; /api/get answers the payload with return_value as a JSON string', async () => {
  const submitted = await post('/jobs/queue/v2', { all_users: true, page: 1, limit: 5, fields: ['status'] });
  expect(submitted).toMatchObject({ status: 200, json: null, id: expect.any(String) });
  const { status, json } = await get(submitted.id!);
  expect(status).toBe(200);
  expect(json).toMatchObject({
    request_id: submitted.id,
    name: 'sky.jobs.queue_v2',
    status: 'SUCCEEDED',
    error: 'null',
  });
  const value = JSON.parse(json.return_value as string) as { jobs: Record<string, unknown>[]; total: number };
  expect(value.total).toBe(400); // the default dataset's top-level jobs
  // Newest first, five top-level jobs: 400 is a job group (tasks 0 and 1, members 403 and 404
  // listed first by their higher ids), 398 a two-task pipeline.
  expect(value.jobs.map((j) => j.job_id)).toEqual([404, 403, 400, 400, 399, 398, 398, 397, 396]);
  expect(Object.keys(value.jobs[0]!).sort()).toEqual(['job_id', 'status', 'task_id']); // projection + forced keys
});

test('a stopped controller: /api/get answers 500 whose detail carries the encoded ClusterNotUpError', async () => {
  fake.setControllerUp(false);
  const { id } = await post('/jobs/queue/v2', { all_users: true });
  const { status, json } = await get(id!);
  expect(status).toBe(500);
  const detail = json.detail as { status: string; error: string };
  expect(detail.status).toBe('FAILED');
  expect(JSON.parse(detail.error)).toMatchObject({
    type: 'ClusterNotUpError',
    message: 'No in-progress managed jobs.',
  });
});

test('unknown ids, unknown routes and bad tokens get the real answers', async () => {
  expect(await get('nope')).toEqual({ status: 404, json: { detail: 'Request "nope" not found' } });
  expect((await post('/jobs/queue/v3', {})).status).toBe(404);
  expect(await post('/status', {}, { authorization: 'Bearer sky_other' })).toMatchObject({
    status: 401,
    json: { detail: 'Invalid or expired service account token' },
  });
  const health = await fetch(`${fake.url}/api/health`);
  expect(await health.json()).toEqual({ status: 'healthy' }); // unauthenticated: nothing disclosed
});

test('a hanging request waits until /api/cancel, then ends CANCELLED', async () => {
  fake.hang('/status');
  const { id } = await post('/status', {});
  const result = get(id!);
  const cancel = await post('/api/cancel', { request_ids: [id] });
  expect(cancel.status).toBe(200);
  expect((await result).json).toMatchObject({ status: 'CANCELLED', return_value: 'null' });
  expect(fake.cancelled).toEqual([id]);
});

async function legacyQueue(url: string): Promise<unknown> {
  expect((await fetch(`${url}/jobs/queue/v2`, { method: 'POST', body: '{}' })).status).toBe(404);
  const res = await fetch(`${url}/jobs/queue`, { method: 'POST', body: '{"all_users": true}' });
  const id = res.headers.get('x-request-id')!;
  const payload = (await (await fetch(`${url}/api/get?request_id=${id}`)).json()) as {
    return_value: string;
  };
  return JSON.parse(payload.return_value);
}

test('legacy servers: no /jobs/queue/v2, the id in X-Request-ID, /jobs/queue a bare array', async () => {
  const old = await startFakeSkyPilot({ legacyOnly: true, legacyRequestIdHeader: true, now: () => T });
  try {
    const value = await legacyQueue(old.url);
    expect(Array.isArray(value) && value.length).toBe(408); // every row at once
  } finally {
    await old.close();
  }
});

test('SkyPilot 0.10.0–0.10.2: /jobs/queue answers {jobs, total, …} with every row', async () => {
  const old = await startFakeSkyPilot({
    legacyOnly: true,
    legacyRequestIdHeader: true,
    legacyEnvelope: true,
    now: () => T,
  });
  try {
    const value = (await legacyQueue(old.url)) as { jobs: unknown[]; total: number };
    expect(value.jobs).toHaveLength(408);
    expect(value.total).toBe(400);
  } finally {
    await old.close();
  }
});

test('paging: 1-based pages of whole jobs, total and status counts over the filtered queue', async () => {
  const { id } = await post('/jobs/queue/v2', { all_users: true, page: 40, limit: 10 });
  const value = JSON.parse((await get(id!)).json.return_value as string) as {
    jobs: { job_id: number }[];
    total: number;
    status_counts: Record<string, number>;
  };
  expect(value.jobs.map((j) => j.job_id)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  // Rows: 400 single-task jobs, + 1 task and 2 members for each of 2 job groups, + 1 task for each
  // of 2 pipelines = 408.
  expect(Object.values(value.status_counts).reduce((a, b) => a + b, 0)).toBe(408);
});

test('a page holds every row of `limit` top-level jobs, so more rows and job ids than `limit`', async () => {
  const { id } = await post('/jobs/queue/v2', { all_users: true, page: 1, limit: 10 });
  const value = JSON.parse((await get(id!)).json.return_value as string) as {
    jobs: { job_id: number; task_id: number }[];
    total: number;
  };
  // Top-level jobs 400–391: job groups 400 (members 403, 404) and 395 (members 401, 402), 4 rows
  // each; pipelines 398 and 393, 2 rows each; six single-task jobs. 18 rows, 14 job ids.
  expect(value.jobs.map((j) => `${j.job_id}/${j.task_id}`)).toEqual(
    ['404/0', '403/0', '402/0', '401/0', '400/0', '400/1', '399/0', '398/0', '398/1', '397/0'].concat([
      '396/0',
      '395/0',
      '395/1',
      '394/0',
      '393/0',
      '393/1',
      '392/0',
      '391/0',
    ]),
  );
  expect(new Set(value.jobs.map((j) => j.job_id)).size).toBe(14);
  expect(value.total).toBe(400);
});
