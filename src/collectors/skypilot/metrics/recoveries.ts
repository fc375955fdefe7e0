/** Recoveries (preemptions survived) of processing jobs. */
import type { Point } from '../../../catalog/model';
import { PROCESSING, type Job } from '../job';
import { point } from './point';

export function recoveryMetrics(jobs: readonly Job[]): Point[] {
  const counts = jobs
    .filter((j) => PROCESSING.has(j.status))
    .map((j) => j.recovery_count ?? 0)
    .filter((n) => n > 0);
  const stats = counts.length
    ? [
        point('jobs.recovery_count.avg', counts.reduce((s, n) => s + n, 0) / counts.length),
        point('jobs.recovery_count.max', Math.max(...counts)),
      ]
    : [];
  return [point('jobs.with_recoveries', counts.length), ...stats];
}
