/**
 * A managed-job record as the queue reports it (`ManagedJobRecord` in sky/schemas/api/responses.py),
 * reduced to the fields the metrics read, and the status sets of the README ("Statuses").
 *
 * One record is one task row: a pipeline lists one row per task under one `job_id`, a job group its
 * tasks and the member jobs launched under it (job ids of their own). Every metric counts rows, as
 * SkyPilot's own `status_counts` and `sky jobs queue` do: a pipeline with a finished task and a
 * running one is one SUCCEEDED row and one RUNNING row, and only the running task's GPUs and
 * runtime count. Almost every job has a single task.
 */
import { z } from 'zod';

/** `ManagedJobStatus` values (sky/jobs/state.py). */
export const PROCESSING = new Set([
  'PENDING',
  'SUBMITTED', // older servers
  'STARTING',
  'RUNNING',
  'RECOVERING',
  'WINDING_DOWN',
  'CANCELLING',
]);

export function isFailed(status: string): boolean {
  return status.startsWith('FAILED');
}

/** A queue timestamp (epoch seconds, possibly fractional) in epoch milliseconds, as windows take it. */
export function epochMs(seconds: number | null | undefined): number | undefined {
  return seconds == null ? undefined : seconds * 1000;
}

/** Jobs in status RUNNING: the population of the runtime, GPU, pricing and region metrics. */
export function running<T extends { status: string }>(jobs: readonly T[]): T[] {
  return jobs.filter((j) => j.status === 'RUNNING');
}

const num = z.number().nullish().catch(undefined);
const str = z.string().nullish().catch(undefined);

/** Lenient: a field of an unexpected type reads as missing rather than failing the whole queue. */
const jobSchema = z.object({
  job_id: num,
  task_id: num,
  status: z.string(),
  submitted_at: num,
  end_at: num,
  job_duration: num,
  recovery_count: num,
  resources: str,
  cluster_resources: str,
  region: str,
  accelerators: z.record(z.string(), z.number()).nullish().catch(undefined),
  user_name: str,
  user_hash: str,
});

export type Job = z.output<typeof jobSchema>;

/** The fields the collector asks the server for (`fields` of `/jobs/queue/v2`). */
export const JOB_FIELDS = [
  'job_id',
  'task_id',
  'status',
  'submitted_at',
  'end_at',
  'job_duration',
  'recovery_count',
  'resources',
  'cluster_resources',
  'region',
  'accelerators',
  'user_name',
  // The user's id (users.active_count): a projection answers only the fields it names.
  'user_hash',
] as const;

/** Records without a status are not jobs the metrics can place; they are skipped and counted. */
export function parseJobs(records: readonly unknown[]): { jobs: Job[]; skipped: number } {
  const jobs: Job[] = [];
  let skipped = 0;
  for (const record of records) {
    const parsed = jobSchema.safeParse(record);
    if (parsed.success) jobs.push({ ...parsed.data, status: parsed.data.status.toUpperCase() });
    else skipped++;
  }
  return { jobs, skipped };
}

/** Identity of a row across pages (a job shifted by new submissions may be listed twice). */
export function rowKey(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const { job_id: job, task_id: task } = record as { job_id?: unknown; task_id?: unknown };
  return typeof job === 'number' ? `${job}/${typeof task === 'number' ? task : 0}` : undefined;
}
