/**
 * The SkyPilot metrics, declared once (how each is computed: ../README.md#how-each-metric-is-computed).
 *
 * Job metrics count task rows, as `sky jobs queue` and the server's own status counts do: a
 * pipeline or job group counts once per task (and per member job), each in its own status.
 *
 * Two groups, one per API call, so nothing is fetched twice in a cycle and a stuck jobs
 * controller never costs the cluster count:
 * - `jobs`: the managed-jobs queue (`POST /jobs/queue/v2`, paged), every job metric and
 *   `skypilot.controller.up`, since the queue call is what reports the controller down;
 * - `clusters`: `POST /status`, the cluster count.
 */
import { catalog, metric } from '../../catalog/declare';

/** GPU types and regions that have metrics of their own (the seed's names); others use the tagged family. */
export const NAMED_GPU_TYPES = ['l4', 'a10g', 'h100'] as const;
export const NAMED_REGIONS = ['us-east-1', 'us-west-2'] as const;

const RUNTIME_STATS = {
  min: 'Shortest',
  max: 'Longest',
  avg: 'Mean',
  p50: 'Median (linear interpolation)',
  p90: '90th percentile (linear interpolation)',
  p99: '99th percentile (linear interpolation)',
} as const;

const BUCKETS = {
  '0_1h': 'under 1 h',
  '1_4h': 'from 1 h (included) to 4 h (excluded)',
  '4_24h': 'from 4 h (included) to 24 h (excluded)',
  over_24h: '24 h or more',
} as const;

/** Object.entries keeping the literal keys, so the names built from them stay declared names. */
function entriesOf<Key extends string, Value>(record: Readonly<Record<Key, Value>>): [Key, Value][] {
  return Object.entries(record) as [Key, Value][];
}

export const skypilotCatalog = catalog({
  collector: 'skypilot',
  targetTags: {
    skypilot_server: {
      description: 'The configured name of the SkyPilot API server (its `name` in targets).',
    },
  },
  tags: {
    gpu_type: {
      description: 'Accelerator name lower-cased, the suffix after the first `-` dropped (H100-MEGA → h100).',
      estimatedValues: 8,
    },
    region: {
      description: 'Cloud region of the job (`unknown` when the server reports `-` or none).',
      estimatedValues: 6,
    },
  },
  groups: [
    {
      name: 'jobs',
      description: 'The managed-jobs queue: every job of every user, paged, one request per page.',
      timeout: '3m',
      retry: { maximumAttempts: 3, initialInterval: '10s', maximumInterval: '1m' },
    },
    {
      name: 'clusters',
      description: 'The cluster list of `sky status` (no refresh, no credentials).',
      timeout: '1m',
      retry: { maximumAttempts: 3, initialInterval: '10s', maximumInterval: '1m' },
    },
  ],
  metrics: [
    metric({
      name: 'skypilot.controller.up',
      unit: 'flag',
      group: 'jobs',
      backfill: false,
      description:
        '1 when the jobs controller answered the queue request at asOf, 0 when the server reported it not up (ClusterNotUpError).',
    }),
    metric({
      name: 'skypilot.jobs.running',
      unit: 'job',
      group: 'jobs',
      backfill: false,
      description:
        'Managed-job tasks in status RUNNING at asOf, one per task as `sky jobs queue` lists them (a pipeline or job group counts each running task).',
    }),
    metric({
      name: 'skypilot.jobs.queued',
      unit: 'job',
      group: 'jobs',
      backfill: false,
      description: 'Managed-job tasks in status PENDING or STARTING at asOf, one per task.',
    }),
    metric({
      name: 'skypilot.jobs.recovering',
      unit: 'job',
      group: 'jobs',
      backfill: false,
      description: 'Managed-job tasks in status RECOVERING (preempted, relaunching) at asOf, one per task.',
    }),
    metric({
      name: 'skypilot.jobs.failed',
      unit: 'job',
      group: 'jobs',
      backfill: true,
      description:
        'Managed-job tasks in any FAILED* status whose end_at is in the 24 h ending at asOf, one per task.',
    }),
    metric({
      name: 'skypilot.jobs.failed_7d',
      unit: 'job',
      group: 'jobs',
      backfill: true,
      description:
        'Managed-job tasks in any FAILED* status whose end_at is in the 7 days ending at asOf, one per task.',
    }),
    metric({
      name: 'skypilot.jobs.succeeded',
      unit: 'job',
      group: 'jobs',
      backfill: true,
      description:
        "Managed-job tasks SUCCEEDED whose end_at is in the 24 h ending at asOf, one per task (a pipeline's finished task counts here while its next one runs).",
    }),
    metric({
      name: 'skypilot.jobs.cancelled',
      unit: 'job',
      group: 'jobs',
      backfill: true,
      description: 'Managed-job tasks CANCELLED whose end_at is in the 24 h ending at asOf, one per task.',
    }),
    ...entriesOf(RUNTIME_STATS).map(([stat, what]) =>
      metric({
        name: `skypilot.jobs.runtime_seconds.${stat}`,
        unit: 'second',
        group: 'jobs',
        backfill: false,
        description: `${what} job_duration over RUNNING tasks at asOf (each running task of a pipeline or job group); absent when none run.`,
      }),
    ),
    ...entriesOf(BUCKETS).map(([suffix, range]) =>
      metric({
        name: `skypilot.jobs.runtime_buckets.${suffix}`,
        unit: 'job',
        group: 'jobs',
        backfill: false,
        description: `RUNNING tasks at asOf whose job_duration is ${range}.`,
      }),
    ),
    ...NAMED_GPU_TYPES.map((t) =>
      metric({
        name: `skypilot.resources.gpus.${t}_count`,
        unit: 'gpu',
        group: 'jobs',
        backfill: false,
        description: `GPUs of type ${t} held by RUNNING tasks at asOf (per-node count × nodes, summed over tasks); 0 when none.`,
      }),
    ),
    metric({
      name: 'skypilot.resources.gpus.total_count',
      unit: 'gpu',
      group: 'jobs',
      backfill: false,
      description:
        'GPUs of every type held by RUNNING tasks at asOf (per-node count × nodes, summed over tasks).',
    }),
    metric({
      name: 'skypilot.resources.gpus.count',
      unit: 'gpu',
      group: 'jobs',
      backfill: false,
      tags: ['gpu_type'],
      description: 'GPUs held by RUNNING tasks at asOf, one series per GPU type.',
    }),
    metric({
      name: 'skypilot.resources.spot_jobs',
      unit: 'job',
      group: 'jobs',
      backfill: false,
      description:
        'RUNNING tasks at asOf on spot instances: the launched cluster says [spot], or before launch the request says [Spot].',
    }),
    metric({
      name: 'skypilot.resources.ondemand_jobs',
      unit: 'job',
      group: 'jobs',
      backfill: false,
      description:
        'RUNNING tasks at asOf not on spot, including a request for either ([On-demand|Spot]) that nothing shows running on spot.',
    }),
    metric({
      name: 'skypilot.jobs.with_recoveries',
      unit: 'job',
      group: 'jobs',
      backfill: false,
      description: 'Processing tasks at asOf with recovery_count > 0.',
    }),
    metric({
      name: 'skypilot.jobs.recovery_count.avg',
      unit: 'count',
      group: 'jobs',
      backfill: false,
      description: 'Mean recovery_count over processing tasks with at least one recovery; absent when none.',
    }),
    metric({
      name: 'skypilot.jobs.recovery_count.max',
      unit: 'count',
      group: 'jobs',
      backfill: false,
      description:
        'Largest recovery_count over processing tasks with at least one recovery; absent when none.',
    }),
    metric({
      name: 'skypilot.regions.us_east_1',
      unit: 'job',
      group: 'jobs',
      backfill: false,
      description: 'RUNNING tasks at asOf in region us-east-1.',
    }),
    metric({
      name: 'skypilot.regions.us_west_2',
      unit: 'job',
      group: 'jobs',
      backfill: false,
      description: 'RUNNING tasks at asOf in region us-west-2.',
    }),
    metric({
      name: 'skypilot.regions.other',
      unit: 'job',
      group: 'jobs',
      backfill: false,
      description: 'RUNNING tasks at asOf in any other region, or with none reported.',
    }),
    metric({
      name: 'skypilot.jobs.by_region',
      unit: 'job',
      group: 'jobs',
      backfill: false,
      tags: ['region'],
      description: 'RUNNING tasks at asOf, one series per region.',
    }),
    metric({
      name: 'skypilot.users.active_count',
      unit: 'user',
      group: 'jobs',
      backfill: true,
      description:
        "Distinct users with a job processing at asOf or submitted in the 7 days ending at asOf; a user is a user_hash (SkyPilot's user id; user_name only where no hash is given), so two people with the same display name are two users.",
    }),
    metric({
      name: 'skypilot.clusters.active',
      unit: 'count',
      group: 'clusters',
      backfill: false,
      description: 'Clusters in status UP at asOf, every user (controllers included).',
    }),
  ],
});
