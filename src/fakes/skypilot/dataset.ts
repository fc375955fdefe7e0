/**
 * A realistic, deterministic dataset: managed jobs submitted over the last `days` days (relative to
 * `now`), across statuses, GPU types, node counts, regions, spot/on-demand, recoveries and users, and
 * a few clusters. Among the newest jobs are job groups and pipelines, so a page of the queue holds
 * more rows and job ids than its `limit`, as on a real server. Same seed and `now` → same dataset.
 */
import { GPUS, PROCESSING, REGIONS, TERMINAL, USERS } from './dataset-choices';
import { seededRandom, weighted } from './random';
import type { FakeCluster, FakeDataset, FakeJob, FakeLaunchedCluster } from './types';

const DAY = 86_400;

/** The jobs controller's cluster, as `sky status` lists it. */
export const CONTROLLER_CLUSTER = 'sky-jobs-controller-5f1e2d3c';
export interface DatasetOptions {
  readonly seed?: number;
  /** Epoch seconds the dataset is relative to; now by default. */
  readonly now?: number;
  /** Top-level jobs (job group members and pipeline tasks come on top). */
  readonly jobs?: number;
  readonly days?: number;
}

/** Among the newest top-level jobs, counted from the newest (0): which become job groups, which pipelines. */
const JOB_GROUPS_AT = [0, 5];
const PIPELINES_AT = [2, 7];
/** Each job group: two parallel tasks, and member jobs launched under it. */
const GROUP_MEMBERS = 2;

export function generateDataset(options: DatasetOptions = {}): FakeDataset {
  const random = seededRandom(options.seed ?? 1);
  const now = options.now ?? Date.now() / 1000;
  const n = options.jobs ?? 400;
  const days = options.days ?? 30;
  // Mostly spread over the period, plus a burst (a sweep) in the last 6 hours, so a backlog is queued now.
  const submittedAt = () => now - (random() < 0.15 ? random() * 0.25 : random() * days) * DAY;
  const submitted = Array.from({ length: n }, submittedAt).sort((a, b) => a - b);
  const single = submitted.map((at, i) => makeJob(random, i + 1, at, now));
  return { jobs: withMultiTaskJobs(single), clusters: makeClusters(now) };
}

/**
 * Turns some of the newest single-task jobs into job groups and pipelines. Member jobs get the next
 * free job ids: they are launched after their group's job was submitted.
 */
function withMultiTaskJobs(jobs: readonly FakeJob[]): FakeJob[] {
  const n = jobs.length;
  let nextId = n + 1;
  const out: FakeJob[] = [];
  for (const job of jobs) {
    const fromNewest = n - job.job_id;
    if (JOB_GROUPS_AT.includes(fromNewest)) {
      out.push(job, { ...job, task_id: 1, job_name: `${job.job_name}-worker` });
      for (let k = 1; k <= GROUP_MEMBERS; k++) {
        out.push({
          ...job,
          job_id: nextId++,
          root_job_id: job.job_id,
          job_name: `${job.job_name}-member-${k}`,
        });
      }
    } else if (PIPELINES_AT.includes(fromNewest)) {
      out.push(...pipeline(job));
    } else {
      out.push(job);
    }
  }
  return out;
}

/**
 * A two-task pipeline around `job`: once it has started, `job` is the second task and the first
 * succeeded before it (from submission to `job`'s start); before that, `job` is the first task and
 * the second waits, or ended with it.
 */
function pipeline(job: FakeJob): FakeJob[] {
  const { cluster: _cluster, ...withoutCluster } = job;
  const notRun = {
    ...withoutCluster,
    start_at: null,
    last_recovered_at: 0,
    job_duration: 0,
    recovery_count: 0,
  };
  if (job.start_at === null) {
    const ended = job.end_at !== null;
    const second: FakeJob = {
      ...notRun,
      task_id: 1,
      job_name: `${job.job_name}-eval`,
      status: ended ? job.status : 'PENDING',
      cloud: null,
      region: null,
    };
    return [job, second];
  }
  const first: FakeJob = {
    ...notRun,
    status: 'SUCCEEDED',
    job_name: `${job.job_name}-prep`,
    start_at: job.submitted_at,
    end_at: job.start_at,
    last_recovered_at: job.submitted_at ?? job.start_at,
    failure_reason: null,
  };
  return [first, { ...job, task_id: 1 }];
}

function makeJob(random: () => number, id: number, submittedAt: number, now: number): FakeJob {
  const [gpu, perNode, instanceType] = weighted(random, GPUS);
  const nodes = weighted(random, [
    [1, 70],
    [2, 15],
    [4, 10],
    [8, 5],
  ] as const);
  const pricing = weighted(random, [
    ['spot', 40],
    ['ondemand', 50],
    ['either', 10],
  ] as const);
  const spot = pricing === 'spot' || (pricing === 'either' && random() < 0.5);
  const [cloud, region] = weighted(random, REGIONS);
  const user = USERS[Math.floor(random() * USERS.length)]!;
  // Most jobs start within minutes; some wait hours for capacity.
  const wait = random() < 0.2 ? 3600 + random() * 11 * 3600 : 30 + random() * 1200;
  const runtime = Math.exp(Math.log(300) + random() * (Math.log(3 * DAY) - Math.log(300)));
  const recoveries = spot
    ? weighted(random, [
        [0, 60],
        [1, 25],
        [2, 10],
        [3, 5],
      ] as const)
    : 0;
  const start = submittedAt + wait;
  const end = start + runtime + recoveries * 600;
  const request = `${nodes}x[${gpu ? `${gpu}:${perNode}` : 'CPU:8'}]${pricing === 'spot' ? '[Spot]' : pricing === 'either' ? '[On-demand|Spot]' : ''}`;
  const launched: FakeLaunchedCluster = {
    nodes,
    spot,
    ...(gpu ? { accelerators: { [gpu]: perNode } } : {}),
    instanceType,
    cloud: cloud ?? 'aws',
    region: region ?? 'us-east-1',
  };
  const base = {
    job_id: id,
    task_id: 0,
    job_name: `train-${id}`,
    submitted_at: submittedAt,
    resources: request,
    user_name: user,
    user_hash: `${user.slice(0, 4).padEnd(4, 'x')}1234`,
    workspace: 'default',
    failure_reason: null,
  };
  if (start > now) {
    const status = start - now < 1200 ? 'STARTING' : 'PENDING';
    return {
      ...base,
      status,
      start_at: null,
      end_at: null,
      last_recovered_at: 0,
      job_duration: 0,
      recovery_count: 0,
      cloud: null,
      region: null,
    };
  }
  if (end > now) {
    const status = weighted(random, PROCESSING);
    // With recoveries, the current segment began after the last one; earlier segments are stored.
    const lastRecovered = recoveries ? start + (now - start) * (0.5 + random() * 0.4) : start;
    const stored = recoveries ? (lastRecovered - start) * 0.85 : 0;
    return {
      ...base,
      status,
      start_at: start,
      end_at: null,
      last_recovered_at: lastRecovered,
      job_duration: stored,
      recovery_count: recoveries,
      cloud: launched.cloud,
      region: launched.region ?? null,
      ...(status === 'RECOVERING' ? {} : { cluster: launched }),
    };
  }
  const status = weighted(random, TERMINAL);
  const neverRan = status === 'FAILED_NO_RESOURCE' || status === 'FAILED_PRECHECKS';
  return {
    ...base,
    status,
    start_at: neverRan ? null : start,
    end_at: neverRan ? start : end,
    last_recovered_at: neverRan ? 0 : start,
    job_duration: 0,
    recovery_count: neverRan ? 0 : recoveries,
    cloud: neverRan ? null : cloud,
    region: neverRan ? null : region,
    failure_reason: status.startsWith('FAILED') ? `${status.toLowerCase()} (synthetic)` : null,
  };
}

function makeClusters(now: number): FakeCluster[] {
  const cluster = (
    name: string,
    status: FakeCluster['status'],
    user: string,
    ageDays: number,
  ): FakeCluster => ({
    name,
    status,
    nodes: 1,
    cloud: 'aws',
    region: 'us-east-1',
    user_name: user,
    launched_at: Math.floor(now - ageDays * DAY),
    is_managed: false,
  });
  return [
    cluster(CONTROLLER_CLUSTER, 'UP', 'alice', 20),
    cluster('dev-alice', 'UP', 'alice', 2),
    cluster('dev-bob', 'STOPPED', 'bob', 9),
    cluster('notebook-carol', 'UP', 'carol', 1),
    cluster('eval-dan', 'INIT', 'dan', 0.01),
    cluster('debug-erin', 'AUTOSTOPPING', 'erin', 3),
    cluster('sweep-frank', 'STOPPED', 'frank', 14),
  ];
}
