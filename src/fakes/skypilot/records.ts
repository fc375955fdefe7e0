/**
 * Stored state → the server's answers, as skypilot 0.14.1 builds them:
 * - a job (sky/jobs/utils.py get_managed_job_queue, _populate_job_record_from_handle;
 *   sky/jobs/server/core.py queue_v2_api): `job_duration` completed with the running segment,
 *   infra and `accelerators` from the live cluster, else the persisted infra or `-`;
 *   with a `fields` list only those fields plus job_id, task_id and status;
 * - a cluster (sky/schemas/api/responses.py StatusResponse, encoders.py encode_status).
 */
import type { FakeCluster, FakeJob } from './types';

const TERMINAL = new Set([
  'SUCCEEDED',
  'CANCELLED',
  'FAILED',
  'FAILED_SETUP',
  'FAILED_PRECHECKS',
  'FAILED_NO_RESOURCE',
  'FAILED_CONTROLLER',
]);
const PICKLED_NONE = 'gAROLg==';
/** `str(cloud)` of a handle. */
const CLOUD_NAMES: Record<string, string> = { aws: 'AWS', gcp: 'GCP', kubernetes: 'Kubernetes' };

export function isTerminal(status: string): boolean {
  return TERMINAL.has(status);
}

/** The duration the queue reports (utils.py, get_managed_job_queue). */
export function reportedDuration(job: FakeJob, now: number): number {
  const end = job.end_at ?? now;
  const segmentStart = job.last_recovered_at - job.job_duration;
  if (job.status === 'RECOVERING') return job.job_duration;
  return segmentStart > 0 ? end - segmentStart : 0;
}

export function presentJob(job: FakeJob, now: number, fields?: readonly string[]): Record<string, unknown> {
  // root_job_id stays in the stored state: the collector must not need more than job ids.
  const { cluster, last_recovered_at, root_job_id: _root, ...stored } = job;
  const record: Record<string, unknown> = {
    _job_id: job.job_id,
    ...stored,
    job_duration: reportedDuration(job, now),
    last_recovered_at,
    task_name: job.job_name,
    schedule_state: isTerminal(job.status) ? 'DONE' : job.status === 'PENDING' ? 'WAITING' : 'ALIVE',
  };
  if (cluster) {
    const gpus = cluster.accelerators
      ? Object.entries(cluster.accelerators).map(([k, v]) => `gpus=${k}:${v}, `)
      : [];
    const cpu = cluster.accelerators ? '' : 'cpus=8, mem=32, ';
    Object.assign(record, {
      cluster_resources: `${cluster.nodes}x${cluster.spot ? '[spot]' : ''}(${gpus.join('')}${cpu}${cluster.instanceType}, ...)`,
      cloud: CLOUD_NAMES[cluster.cloud] ?? cluster.cloud,
      region: cluster.region ?? null,
      zone: cluster.zone ?? null,
      infra: cluster.region ? `${cluster.cloud}/${cluster.region}` : cluster.cloud,
      // Set from the handle even when None: the encoder's exclude_unset keeps an explicit null.
      accelerators: cluster.accelerators ?? null,
    });
  } else {
    Object.assign(record, {
      cloud: job.cloud ?? '-',
      region: job.region ?? '-',
      zone: '-',
      infra: job.cloud ? `${job.cloud}/${job.region}` : '-',
      cluster_resources: job.cloud ? job.resources : '-',
    });
  }
  if (!fields?.length) return record;
  const keep = new Set([...fields, 'job_id', 'task_id', 'status']);
  return Object.fromEntries(Object.entries(record).filter(([k]) => keep.has(k)));
}

export function presentCluster(c: FakeCluster): Record<string, unknown> {
  return {
    name: c.name,
    launched_at: c.launched_at,
    handle: PICKLED_NONE,
    last_use: 'sky launch',
    status: c.status,
    autostop: c.name.startsWith('sky-jobs-controller') ? 10 : -1,
    to_down: false,
    cluster_hash: `${c.name}-hash`,
    cluster_ever_up: true,
    status_updated_at: c.launched_at,
    user_hash: `${c.user_name.slice(0, 4).padEnd(4, 'x')}1234`,
    user_name: c.user_name,
    workspace: 'default',
    is_managed: c.is_managed,
    nodes: c.nodes,
    cloud: c.cloud,
    region: c.region,
    labels: {},
    storage_mounts_metadata: PICKLED_NONE,
  };
}
