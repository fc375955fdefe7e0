/** Recoveries (preemptions survived) of processing jobs. */
import { mean } from '../../kit/statistics';
import { PROCESSING, type Job } from '../job';
import { point, points, type SkyPilotPoint } from '../points';

export function recoveryMetrics(jobs: readonly Job[]): SkyPilotPoint[] {
  const counts = jobs
    .filter((j) => PROCESSING.has(j.status))
    .map((j) => j.recovery_count ?? 0)
    .filter((n) => n > 0);
  return [
    point('skypilot.jobs.with_recoveries', counts.length),
    ...points({
      'skypilot.jobs.recovery_count.avg': mean(counts),
      'skypilot.jobs.recovery_count.max': counts.length ? Math.max(...counts) : undefined,
    }),
  ];
}
