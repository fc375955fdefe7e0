/**
 * Jobs of several rows: pipelines (one row per task) and job groups (their tasks and member jobs with
 * job ids of their own), as a SkyPilot 0.14 server pages them: by top-level job, so a page holds
 * more rows and job ids than its limit. Rows count as SkyPilot's own status counts do. Every
 * expected value is derived by hand in the comments.
 */
import { skypilotCollector } from '../../../src/collectors/skypilot';
import { startFakeSkyPilot, type FakeJob, type FakeSkyPilot } from '../../../src/fakes/skypilot';
import { AS_OF, CLUSTERS, EXPECTED_JOB_METRICS, H, JOBS, T, ended, job, running } from './fixture';
import { byName, expectMetrics, makeContext } from './context';

let fake: FakeSkyPilot | undefined;
afterEach(() => fake?.close());

async function collect(jobs: FakeJob[], options: Record<string, unknown> = {}) {
  fake = await startFakeSkyPilot({ dataset: { jobs, clusters: CLUSTERS }, now: () => T });
  const { ctx } = makeContext({ group: 'jobs', asOf: AS_OF, url: fake.url, options });
  const answers: { jobs: { job_id: number }[]; total: number }[] = [];
  // The queue pages as the collector received them.
  const recording: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (typeof input === 'string' && input.includes('/api/get')) {
      const body = (await res.clone().json()) as { return_value: string; name: string };
      if (body.name === 'sky.jobs.queue_v2') answers.push(JSON.parse(body.return_value) as never);
    }
    return res;
  };
  const points = await skypilotCollector.collect({ ...ctx, fetch: recording });
  return { got: byName(points), answers, requests: fake.requests };
}

const as = (user: string, hash: string | null) => ({ user_name: user, user_hash: hash });

/** Job 23 of `ubuntu` (hash ubuntu-a): task 0 succeeded 3 h before asOf, task 1 has run for 3 h since. */
const PIPELINE: FakeJob[] = [
  { ...ended(23, 'ubuntu', 'SUCCEEDED', T - 3 * H, T - 5 * H), ...as('ubuntu', 'ubuntu-a') },
  {
    ...running(23, 'ubuntu', 3 * H, '1x[L4:1]', {
      nodes: 1,
      spot: false,
      accelerators: { L4: 1 },
      region: 'us-west-2',
    }),
    task_id: 1,
    ...as('ubuntu', 'ubuntu-a'),
  },
];

/**
 * Job group 24 of another `ubuntu` (hash ubuntu-b): two parallel tasks running for 2 h, and members
 * launched under it: 25 STARTING, 26 running for 30 min on spot although it asked for either.
 */
const JOB_GROUP: FakeJob[] = [
  {
    ...running(24, 'ubuntu', 2 * H, '2x[H100:8][Spot]', {
      nodes: 2,
      spot: true,
      accelerators: { H100: 8 },
      region: 'us-east-1',
    }),
    ...as('ubuntu', 'ubuntu-b'),
  },
  {
    ...running(24, 'ubuntu', 2 * H, '1x[CPU:4]', { nodes: 1, spot: false, region: 'us-east-1' }),
    task_id: 1,
    ...as('ubuntu', 'ubuntu-b'),
  },
  {
    ...job(25, 'ubuntu', 'STARTING', { submitted_at: T - 60 }),
    root_job_id: 24,
    ...as('ubuntu', 'ubuntu-b'),
  },
  {
    ...running(26, 'ubuntu', 1800, '1x[A10G:4][On-demand|Spot]', {
      nodes: 1,
      spot: true,
      accelerators: { A10G: 4 },
      region: 'eu-west-1',
    }),
    root_job_id: 24,
    ...as('ubuntu', 'ubuntu-b'),
  },
];

test('a queue of several pages whose first page holds more rows and job ids than pageSize is read whole', async () => {
  const { got, answers, requests } = await collect([...JOBS, ...PIPELINE, ...JOB_GROUP], { pageSize: 10 });

  // 24 top-level jobs (1–24) at 10 a page: pages 1, 2, 3. Page 1 is top-level jobs 24–15: rows
  // 26, 25, 24/0, 24/1, 23/0, 23/1 and 22–15, i.e. 14 rows and 12 job ids, both above 10.
  const pages = requests
    .filter((r) => r.path === '/jobs/queue/v2')
    .map((r) => (r.body as { page: number }).page);
  expect(pages.sort()).toEqual([1, 2, 3]);
  const first = answers.find((a) => a.jobs.some((j) => j.job_id === 26))!;
  expect(first.jobs).toHaveLength(14);
  expect(new Set(first.jobs.map((j) => j.job_id)).size).toBe(12);
  expect(first.total).toBe(24);

  // Every value is the fixture's (EXPECTED_JOB_METRICS, jobs 1–22) plus the rows of 23–26.
  expectMetrics(got, {
    ...EXPECTED_JOB_METRICS,
    'skypilot.jobs.running': 11, // 7 + 23/1, 24/0, 24/1, 26
    'skypilot.jobs.queued': 3, // 2 + 25 (STARTING)
    'skypilot.jobs.succeeded': 2, // 1 + 23/0 (ended T − 3 h)
    // runtimes: [100, 1800, 3599, 3600, 7200, 14400, 86400] + 10800 (23/1), 7200 (24/0), 7200 (24/1),
    // 1800 (26) → sorted [100, 1800, 1800, 3599, 3600, 7200, 7200, 7200, 10800, 14400, 86400], n = 11
    'skypilot.jobs.runtime_seconds.min': 100,
    'skypilot.jobs.runtime_seconds.max': 86400,
    'skypilot.jobs.runtime_seconds.avg': 144099 / 11, // 117099 + 10800 + 7200 + 7200 + 1800
    'skypilot.jobs.runtime_seconds.p50': 7200, // rank 10·0.5 = 5 → x[5]
    'skypilot.jobs.runtime_seconds.p90': 14400, // rank 9 → x[9]
    'skypilot.jobs.runtime_seconds.p99': 79200, // rank 9.9 → 14400 + 0.9·(86400 − 14400)
    'skypilot.jobs.runtime_buckets.0_1h': 4, // 100, 1800, 1800, 3599
    'skypilot.jobs.runtime_buckets.1_4h': 5, // 3600, 7200 ×3, 10800
    // GPUs: + L4 1 (23/1), + H100 8 × 2 nodes = 16 (24/0), none (24/1), + A10G 4 (26)
    'skypilot.resources.gpus.l4_count': 2,
    'skypilot.resources.gpus.a10g_count': 12,
    'skypilot.resources.gpus.h100_count': 40,
    'skypilot.resources.gpus.total_count': 94, // 73 + 1 + 16 + 4
    'skypilot.resources.gpus.count{gpu_type:l4}': 2,
    'skypilot.resources.gpus.count{gpu_type:a10g}': 12,
    'skypilot.resources.gpus.count{gpu_type:h100}': 40,
    // spot: + 24/0 and 26 (launched [spot]); on-demand: + 23/1, 24/1
    'skypilot.resources.spot_jobs': 5,
    'skypilot.resources.ondemand_jobs': 6,
    // regions: + us-west-2 (23/1), us-east-1 (24/0, 24/1), eu-west-1 (26)
    'skypilot.regions.us_east_1': 4,
    'skypilot.regions.us_west_2': 3,
    'skypilot.regions.other': 4, // `-`, none, eu-west-1 ×2
    'skypilot.jobs.by_region{region:us-east-1}': 4,
    'skypilot.jobs.by_region{region:us-west-2}': 3,
    'skypilot.jobs.by_region{region:eu-west-1}': 2,
    // 12 + ubuntu-a + ubuntu-b: two people who share the display name ubuntu
    'skypilot.users.active_count': 14,
  });
});

test('a two-task pipeline: its finished task counts as succeeded, its running one as running', async () => {
  const { got } = await collect(PIPELINE);
  // Rows: 23/0 SUCCEEDED (ended T − 3 h, in the 24 h), 23/1 RUNNING for 3 h (10800 s) on one
  // on-demand L4 node in us-west-2. The runtime and GPUs are the running task's only.
  expectMetrics(got, {
    'skypilot.controller.up': 1,
    'skypilot.jobs.running': 1,
    'skypilot.jobs.queued': 0,
    'skypilot.jobs.recovering': 0,
    'skypilot.jobs.failed': 0,
    'skypilot.jobs.failed_7d': 0,
    'skypilot.jobs.succeeded': 1,
    'skypilot.jobs.cancelled': 0,
    'skypilot.jobs.runtime_seconds.min': 10800,
    'skypilot.jobs.runtime_seconds.max': 10800,
    'skypilot.jobs.runtime_seconds.avg': 10800,
    'skypilot.jobs.runtime_seconds.p50': 10800,
    'skypilot.jobs.runtime_seconds.p90': 10800,
    'skypilot.jobs.runtime_seconds.p99': 10800,
    'skypilot.jobs.runtime_buckets.0_1h': 0,
    'skypilot.jobs.runtime_buckets.1_4h': 1, // 3 h
    'skypilot.jobs.runtime_buckets.4_24h': 0,
    'skypilot.jobs.runtime_buckets.over_24h': 0,
    'skypilot.resources.gpus.l4_count': 1,
    'skypilot.resources.gpus.a10g_count': 0,
    'skypilot.resources.gpus.h100_count': 0,
    'skypilot.resources.gpus.total_count': 1,
    'skypilot.resources.gpus.count{gpu_type:l4}': 1,
    'skypilot.resources.gpus.count{gpu_type:a10g}': 0,
    'skypilot.resources.gpus.count{gpu_type:h100}': 0,
    'skypilot.resources.spot_jobs': 0,
    'skypilot.resources.ondemand_jobs': 1,
    'skypilot.jobs.with_recoveries': 0,
    'skypilot.regions.us_east_1': 0,
    'skypilot.regions.us_west_2': 1,
    'skypilot.regions.other': 0,
    'skypilot.jobs.by_region{region:us-east-1}': 0,
    'skypilot.jobs.by_region{region:us-west-2}': 1,
    'skypilot.users.active_count': 1, // ubuntu-a
  });
});
