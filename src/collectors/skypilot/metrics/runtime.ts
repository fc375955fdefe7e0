/** Runtime of RUNNING jobs: `job_duration` as the server reports it (it adds the running segment itself). */
import type { Point } from '../../../catalog/model';
import type { Job } from '../job';
import { summarize } from '../stats';
import { DAY, HOUR } from '../windows';
import { point, running } from './point';

export function runtimeMetrics(jobs: readonly Job[]): Point[] {
  const durations = running(jobs)
    .map((j) => j.job_duration)
    .filter((d): d is number => d != null);
  const stats = summarize(durations);
  const between = (lo: number, hi: number) => durations.filter((d) => d >= lo && d < hi).length;
  return [
    ...(stats
      ? Object.entries(stats).map(([k, v]: [string, number]) => point(`jobs.runtime_seconds.${k}`, v))
      : []),
    point('jobs.runtime_buckets.0_1h', between(-Infinity, HOUR)),
    point('jobs.runtime_buckets.1_4h', between(HOUR, 4 * HOUR)),
    point('jobs.runtime_buckets.4_24h', between(4 * HOUR, DAY)),
    point('jobs.runtime_buckets.over_24h', between(DAY, Infinity)),
  ];
}
