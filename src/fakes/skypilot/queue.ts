/**
 * The managed-jobs queue answers (sky/jobs/server/core.py queue_v2, sky/jobs/state.py
 * get_managed_jobs_with_filters): filters, newest top-level job first, pages of `limit` top-level
 * jobs (1-based) holding every row of those jobs and of the member jobs launched under them,
 * `total` = top-level jobs after the filters, `status_counts` = rows by status before the
 * `statuses` filter, `fields` projection. A page thus holds more rows, and more job ids, than
 * `limit` when it holds a pipeline or a job group.
 */
import { isTerminal, presentJob } from './records';
import type { FakeJob } from './types';

export interface QueueV2Body {
  skip_finished?: boolean;
  job_ids?: number[] | null;
  statuses?: string[] | null;
  page?: number | null;
  limit?: number | null;
  fields?: string[] | null;
}

export function queueV2(jobs: readonly FakeJob[], body: QueueV2Body, now: number): Record<string, unknown> {
  const { limit } = body;
  if (limit != null && limit < 1) throw new Error(`Limit must be at least 1, got ${limit}`);
  if (limit == null && body.page != null) throw new Error('Limit must be specified when page is specified');
  const page = body.page ?? 1;
  if (page < 1) throw new Error(`Page must be at least 1, got ${page}`);

  const unfiltered = jobs.filter(
    (j) =>
      (!body.skip_finished || !isTerminal(j.status)) && (!body.job_ids || body.job_ids.includes(j.job_id)),
  );
  const statusCounts: Record<string, number> = {};
  for (const j of unfiltered) statusCounts[j.status] = (statusCounts[j.status] ?? 0) + 1;
  const filtered = unfiltered.filter((j) => !body.statuses || body.statuses.includes(j.status));
  const roots = [...new Set(filtered.map(treeRoot))].sort((a, b) => b - a);
  const onPage = new Set(limit == null ? roots : roots.slice((page - 1) * limit, page * limit));
  const rows = filtered
    .filter((j) => onPage.has(treeRoot(j)))
    .sort((a, b) => b.job_id - a.job_id || a.task_id - b.task_id)
    .map((j) => presentJob(j, now, body.fields ?? undefined));
  return {
    jobs: rows,
    total: roots.length,
    total_no_filter: new Set(jobs.map(treeRoot)).size,
    status_counts: statusCounts,
    infra_options: [],
  };
}

/** The top-level job a row is listed under: its root_job_id, else its own job id. */
export function treeRoot(job: FakeJob): number {
  return job.root_job_id ?? job.job_id;
}

/**
 * The legacy `/jobs/queue`: every row of every job, as a bare array (before SkyPilot 0.10), or in
 * 0.10.0–0.10.2 as `{jobs, total, total_no_filter, status_counts}`.
 */
export function queueLegacy(jobs: readonly FakeJob[], now: number, envelope: boolean): unknown {
  const rows = [...jobs].sort((a, b) => b.job_id - a.job_id).map((j) => presentJob(j, now));
  if (!envelope) return rows;
  const statusCounts: Record<string, number> = {};
  for (const j of jobs) statusCounts[j.status] = (statusCounts[j.status] ?? 0) + 1;
  const total = new Set(jobs.map(treeRoot)).size;
  return { jobs: rows, total, total_no_filter: total, status_counts: statusCounts };
}
