/**
 * Distinct users with a job processing at asOf or submitted in W. "Processing at asOf" also covers a
 * past asOf (backfill): submitted by then and not yet ended then.
 */
import type { Point } from '../../../catalog/model';
import { PROCESSING, type Job } from '../job';
import { WEEK, inWindow } from '../windows';
import { point } from './point';

function processingAt(job: Job, asOf: number): boolean {
  const started = job.submitted_at == null || job.submitted_at <= asOf;
  if (job.end_at != null) return started && job.submitted_at != null && job.end_at > asOf;
  return started && PROCESSING.has(job.status);
}

export function userMetrics(jobs: readonly Job[], asOf: number): Point[] {
  const users = new Set<string>();
  for (const job of jobs) {
    const user = job.user_name || job.user_hash;
    if (!user) continue;
    if (processingAt(job, asOf) || inWindow(job.submitted_at, asOf, WEEK)) users.add(user);
  }
  return [point('users.active_count', users.size)];
}
