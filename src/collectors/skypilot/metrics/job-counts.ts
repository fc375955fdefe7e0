/** Job counts by status: current ones at asOf, finished ones by `end_at` in their window. */
import type { Point } from '../../../catalog/model';
import { isFailed, type Job } from '../job';
import { DAY, WEEK, inWindow } from '../windows';
import { point } from './point';

export function jobCounts(jobs: readonly Job[], asOf: number): Point[] {
  const count = (keep: (j: Job) => boolean) => jobs.filter(keep).length;
  const ended = (j: Job, length: number) => inWindow(j.end_at, asOf, length);
  return [
    point(
      'jobs.running',
      count((j) => j.status === 'RUNNING'),
    ),
    point(
      'jobs.queued',
      count((j) => j.status === 'PENDING' || j.status === 'STARTING'),
    ),
    point(
      'jobs.recovering',
      count((j) => j.status === 'RECOVERING'),
    ),
    point(
      'jobs.failed',
      count((j) => isFailed(j.status) && ended(j, DAY)),
    ),
    point(
      'jobs.failed_7d',
      count((j) => isFailed(j.status) && ended(j, WEEK)),
    ),
    point(
      'jobs.succeeded',
      count((j) => j.status === 'SUCCEEDED' && ended(j, DAY)),
    ),
    point(
      'jobs.cancelled',
      count((j) => j.status === 'CANCELLED' && ended(j, DAY)),
    ),
  ];
}
