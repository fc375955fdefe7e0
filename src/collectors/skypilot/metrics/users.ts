/**
 * Distinct users with a job processing at asOf or submitted in W. "Processing at asOf" also covers a
 * past asOf (backfill): submitted by then and not yet ended then.
 *
 * A user is a `user_hash`, SkyPilot's user id: display names are not unique (two people may both be
 * `ubuntu`). Only a row without a hash falls back to its `user_name`, kept apart from the hashes.
 */
import { WEEK_MS, byAsOf, inWindow, windowEnding } from '../../kit/window';
import { PROCESSING, epochMs, type Job } from '../job';
import { point, type SkyPilotPoint } from '../points';

function processingAt(job: Job, asOf: Date): boolean {
  const started = job.submitted_at == null || byAsOf(epochMs(job.submitted_at), asOf);
  if (job.end_at != null) return started && job.submitted_at != null && !byAsOf(epochMs(job.end_at), asOf);
  return started && PROCESSING.has(job.status);
}

export function userOf(job: Job): string | undefined {
  if (job.user_hash) return `hash:${job.user_hash}`;
  return job.user_name ? `name:${job.user_name}` : undefined;
}

export function userMetrics(jobs: readonly Job[], asOf: Date): SkyPilotPoint[] {
  const week = windowEnding(asOf, WEEK_MS);
  const users = new Set<string>();
  for (const job of jobs) {
    const user = userOf(job);
    if (!user) continue;
    if (processingAt(job, asOf) || inWindow(epochMs(job.submitted_at), week)) users.add(user);
  }
  return [point('skypilot.users.active_count', users.size)];
}
