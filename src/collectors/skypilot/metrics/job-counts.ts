/** Job counts by status: current ones at asOf, finished ones by `end_at` in their window. */
import { DAY_MS, WEEK_MS, inWindow, windowEnding, type Window } from '../../kit/window';
import { epochMs, isFailed, type Job } from '../job';
import { point, type SkyPilotPoint } from '../points';

export function jobCounts(jobs: readonly Job[], asOf: Date): SkyPilotPoint[] {
  const day = windowEnding(asOf, DAY_MS);
  const week = windowEnding(asOf, WEEK_MS);
  const count = (keep: (j: Job) => boolean) => jobs.filter(keep).length;
  const ended = (j: Job, window: Window) => inWindow(epochMs(j.end_at), window);
  return [
    point(
      'skypilot.jobs.running',
      count((j) => j.status === 'RUNNING'),
    ),
    point(
      'skypilot.jobs.queued',
      count((j) => j.status === 'PENDING' || j.status === 'STARTING'),
    ),
    point(
      'skypilot.jobs.recovering',
      count((j) => j.status === 'RECOVERING'),
    ),
    point(
      'skypilot.jobs.failed',
      count((j) => isFailed(j.status) && ended(j, day)),
    ),
    point(
      'skypilot.jobs.failed_7d',
      count((j) => isFailed(j.status) && ended(j, week)),
    ),
    point(
      'skypilot.jobs.succeeded',
      count((j) => j.status === 'SUCCEEDED' && ended(j, day)),
    ),
    point(
      'skypilot.jobs.cancelled',
      count((j) => j.status === 'CANCELLED' && ended(j, day)),
    ),
  ];
}
