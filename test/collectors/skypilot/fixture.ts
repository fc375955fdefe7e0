/**
 * A small queue whose every metric is derived by hand below. The fake server's clock is fixed at
 * T = asOf, so a RUNNING job's reported job_duration is T − (last_recovered_at − stored duration).
 */
import type { FakeCluster, FakeJob, FakeLaunchedCluster } from '../../../src/fakes/skypilot';

export const T = 1_800_000_000; // 2027-01-15T08:00:00Z
export const H = 3600;
export const D = 24 * H;
export const AS_OF = new Date(T * 1000);

const base = {
  task_id: 0,
  start_at: null,
  end_at: null,
  last_recovered_at: 0,
  job_duration: 0,
  recovery_count: 0,
  workspace: 'default',
  failure_reason: null,
  cloud: null,
  region: null,
};

export function job(id: number, user: string, status: string, rest: Partial<FakeJob> = {}): FakeJob {
  return {
    ...base,
    job_id: id,
    job_name: `job-${id}`,
    status,
    submitted_at: T - 2 * D,
    resources: '1x[CPU:4]',
    user_name: user,
    user_hash: `${user}-hash`,
    ...rest,
  };
}

/** RUNNING for `runtime` seconds; with recoveries the stored part makes up the difference. */
export function running(
  id: number,
  user: string,
  runtime: number,
  resources: string,
  cluster: Omit<FakeLaunchedCluster, 'instanceType' | 'cloud'>,
  recoveries = 0,
): FakeJob {
  const lastRecovered = recoveries ? T - 60 : T - runtime;
  return job(id, user, 'RUNNING', {
    submitted_at: T - runtime - 600,
    start_at: T - runtime,
    last_recovered_at: lastRecovered,
    job_duration: recoveries ? runtime - 60 : 0,
    recovery_count: recoveries,
    resources,
    cluster: { instanceType: 'x', cloud: 'aws', ...cluster },
  });
}

export function ended(
  id: number,
  user: string,
  status: string,
  endAt: number,
  submittedAt = endAt - H,
): FakeJob {
  return job(id, user, status, {
    submitted_at: submittedAt,
    start_at: submittedAt,
    end_at: endAt,
    last_recovered_at: submittedAt,
  });
}

export const JOBS: FakeJob[] = [
  // RUNNING: runtimes sorted [100, 1800, 3599, 3600, 7200, 14400, 86400] (n = 7).
  running(1, 'alice', 1800, '2x[H100:8][Spot]', {
    nodes: 2,
    spot: true,
    accelerators: { H100: 8 },
    region: 'us-east-1',
  }),
  running(
    2,
    'bob',
    3600,
    '1x[H100-MEGA:8]',
    { nodes: 1, spot: false, accelerators: { 'H100-MEGA': 8 }, region: 'us-west-2' },
    2,
  ),
  running(3, 'carol', 14400, '4x[A100-80GB:8][Spot]', {
    nodes: 4,
    spot: true,
    accelerators: { 'A100-80GB': 8 },
    region: '-',
  }),
  running(4, 'carol', 86400, '1x[L4:1]', { nodes: 1, spot: false, accelerators: { L4: 1 } }, 1), // region: none
  running(5, 'alice', 7200, '1x[CPU:8]', { nodes: 1, spot: false, region: 'us-east-1' }), // no accelerators
  running(6, 'dan', 100, '2x[A10G:4][On-demand|Spot]', {
    nodes: 2,
    spot: false,
    accelerators: { A10G: 4 },
    region: 'eu-west-1',
  }),
  running(7, 'erin', 3599, '1x[H200:8][Spot]', {
    nodes: 1,
    spot: true,
    accelerators: { H200: 8 },
    region: 'us-west-2',
  }),
  // Other processing jobs.
  job(8, 'frank', 'PENDING', { submitted_at: T - 600 }),
  job(9, 'grace', 'STARTING', { submitted_at: T - 300 }),
  job(10, 'heidi', 'RECOVERING', { submitted_at: T - 30 * D, recovery_count: 3, job_duration: 5000 }),
  job(11, 'ivan', 'CANCELLING', { submitted_at: T - 3 * D }),
  job(12, 'judy', 'SUBMITTED', { submitted_at: T - 9 * D }), // older servers' status: processing, not queued
  // Finished jobs, by end_at.
  ended(13, 'alice', 'FAILED', T - H),
  ended(14, 'bob', 'FAILED_SETUP', T - D), // exactly 24 h before: outside the 24 h window, inside W
  ended(15, 'bob', 'FAILED_NO_RESOURCE', T - 3 * D),
  ended(16, 'mallory', 'FAILED_CONTROLLER', T - 7 * D, T - 8 * D), // exactly 7 d before: outside W
  ended(17, 'carol', 'SUCCEEDED', T - 2 * H),
  ended(18, 'oscar', 'SUCCEEDED', T - 25 * H, T - 26 * H),
  ended(19, 'alice', 'CANCELLED', T - 600),
  ended(20, 'trent', 'SUCCEEDED', T + 60, T - H), // ends after asOf: in no window, but processing at asOf
  ended(21, 'dan', 'FAILED_PRECHECKS', T - 1),
  ended(22, 'peggy', 'SUCCEEDED', T - 9 * D, T - 10 * D), // only outside W
];

export const CLUSTERS: FakeCluster[] = (['UP', 'UP', 'STOPPED', 'INIT', 'AUTOSTOPPING'] as const).map(
  (status, i) => ({
    name: `c${i}`,
    status,
    nodes: 1,
    cloud: 'aws',
    region: 'us-east-1',
    user_name: 'alice',
    launched_at: T - D,
    is_managed: false,
  }),
);

/** Every job metric, derived by hand from JOBS at asOf = T. */
export const EXPECTED_JOB_METRICS: Record<string, number> = {
  'skypilot.controller.up': 1,
  'skypilot.jobs.running': 7, // jobs 1–7
  'skypilot.jobs.queued': 2, // 8 PENDING, 9 STARTING (12 SUBMITTED is processing, not queued)
  'skypilot.jobs.recovering': 1, // 10
  'skypilot.jobs.failed': 2, // 13 (T − 1 h), 21 (T − 1 s); 14 ended exactly at T − 24 h: excluded
  'skypilot.jobs.failed_7d': 4, // 13, 14, 15, 21; 16 ended exactly at T − 7 d: excluded
  'skypilot.jobs.succeeded': 1, // 17; 18 is 25 h old, 20 ends after asOf, 22 is 9 d old
  'skypilot.jobs.cancelled': 1, // 19
  // runtime over RUNNING: sorted [100, 1800, 3599, 3600, 7200, 14400, 86400]
  'skypilot.jobs.runtime_seconds.min': 100,
  'skypilot.jobs.runtime_seconds.max': 86400,
  'skypilot.jobs.runtime_seconds.avg': 117099 / 7, // sum 117099
  'skypilot.jobs.runtime_seconds.p50': 3600, // rank 6·0.5 = 3 → x[3]
  'skypilot.jobs.runtime_seconds.p90': 43200, // rank 5.4 → 14400 + 0.4·(86400 − 14400)
  'skypilot.jobs.runtime_seconds.p99': 82080, // rank 5.94 → 14400 + 0.94·72000
  'skypilot.jobs.runtime_buckets.0_1h': 3, // 100, 1800, 3599
  'skypilot.jobs.runtime_buckets.1_4h': 2, // 3600 (exactly 1 h), 7200
  'skypilot.jobs.runtime_buckets.4_24h': 1, // 14400 (exactly 4 h)
  'skypilot.jobs.runtime_buckets.over_24h': 1, // 86400 (exactly 24 h)
  // GPUs = per node × nodes: 1: H100 8×2 = 16; 2: H100-MEGA 8 → h100; 3: A100-80GB 8×4 = 32 → a100;
  // 4: L4 1; 5: none; 6: A10G 4×2 = 8; 7: H200 8.
  'skypilot.resources.gpus.l4_count': 1,
  'skypilot.resources.gpus.a10g_count': 8,
  'skypilot.resources.gpus.h100_count': 24, // 16 + 8
  'skypilot.resources.gpus.total_count': 73, // 16 + 8 + 32 + 1 + 8 + 8
  'skypilot.resources.gpus.count{gpu_type:l4}': 1,
  'skypilot.resources.gpus.count{gpu_type:a10g}': 8,
  'skypilot.resources.gpus.count{gpu_type:h100}': 24,
  'skypilot.resources.gpus.count{gpu_type:a100}': 32,
  'skypilot.resources.gpus.count{gpu_type:h200}': 8,
  // spot: 1, 3, 7 launched [spot]; 6 asked [On-demand|Spot] and got on-demand.
  'skypilot.resources.spot_jobs': 3,
  'skypilot.resources.ondemand_jobs': 4,
  // processing with recoveries: 2 (2), 4 (1), 10 (3)
  'skypilot.jobs.with_recoveries': 3,
  'skypilot.jobs.recovery_count.avg': 2, // 6 / 3
  'skypilot.jobs.recovery_count.max': 3,
  // regions of RUNNING: 1, 5 us-east-1; 2, 7 us-west-2; 3 `-`, 4 none, 6 eu-west-1
  'skypilot.regions.us_east_1': 2,
  'skypilot.regions.us_west_2': 2,
  'skypilot.regions.other': 3,
  'skypilot.jobs.by_region{region:us-east-1}': 2,
  'skypilot.jobs.by_region{region:us-west-2}': 2,
  'skypilot.jobs.by_region{region:unknown}': 2,
  'skypilot.jobs.by_region{region:eu-west-1}': 1,
  // processing at T: alice bob carol dan erin frank grace heidi (submitted 30 d ago) ivan judy,
  // trent (ends after T); submitted in W: + oscar. mallory and peggy only outside W.
  'skypilot.users.active_count': 12,
};
