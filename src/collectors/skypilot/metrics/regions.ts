/** RUNNING jobs by region: the two named regions, everything else (unknown included) in `other`. */
import { NAMED_REGIONS } from '../catalog';
import type { Job } from '../job';
import { regionOf } from '../region';
import { running } from '../job';
import { point, type SkyPilotPoint } from '../points';

export function regionMetrics(jobs: readonly Job[]): SkyPilotPoint[] {
  const byRegion = new Map<string, number>(NAMED_REGIONS.map((r) => [r, 0]));
  for (const job of running(jobs)) {
    const r = regionOf(job);
    byRegion.set(r, (byRegion.get(r) ?? 0) + 1);
  }
  const named = NAMED_REGIONS.reduce((s, r) => s + (byRegion.get(r) ?? 0), 0);
  return [
    point('skypilot.regions.us_east_1', byRegion.get('us-east-1') ?? 0),
    point('skypilot.regions.us_west_2', byRegion.get('us-west-2') ?? 0),
    point('skypilot.regions.other', running(jobs).length - named),
    ...[...byRegion].map(([region, n]) => point('skypilot.jobs.by_region', n, { region })),
  ];
}
