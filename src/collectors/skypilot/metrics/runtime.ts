/** Runtime of RUNNING jobs: `job_duration` as the server reports it (it adds the running segment itself). */
import { running, type Job } from '../job';
import { point, type SkyPilotPoint } from '../points';
import { summarize, type Summary } from '../summary';

/** job_duration is in seconds. */
const HOUR_S = 3600;
const DAY_S = 24 * HOUR_S;

export function runtimeMetrics(jobs: readonly Job[]): SkyPilotPoint[] {
  const durations = running(jobs)
    .map((j) => j.job_duration)
    .filter((d): d is number => d != null);
  const stats = summarize(durations);
  const between = (lo: number, hi: number) => durations.filter((d) => d >= lo && d < hi).length;
  return [
    ...(stats
      ? (Object.entries(stats) as [keyof Summary, number][]).map(([stat, value]) =>
          point(`skypilot.jobs.runtime_seconds.${stat}`, value),
        )
      : []),
    point('skypilot.jobs.runtime_buckets.0_1h', between(-Infinity, HOUR_S)),
    point('skypilot.jobs.runtime_buckets.1_4h', between(HOUR_S, 4 * HOUR_S)),
    point('skypilot.jobs.runtime_buckets.4_24h', between(4 * HOUR_S, DAY_S)),
    point('skypilot.jobs.runtime_buckets.over_24h', between(DAY_S, Infinity)),
  ];
}
