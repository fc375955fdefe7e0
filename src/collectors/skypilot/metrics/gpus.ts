/** GPUs held by RUNNING jobs, by normalised type, and the spot / on-demand split of those jobs. */
import { NAMED_GPU_TYPES } from '../catalog';
import type { Job } from '../job';
import { jobGpus, pricing } from '../resources';
import { running } from '../job';
import { point, type SkyPilotPoint } from '../points';

export function gpuMetrics(jobs: readonly Job[]): SkyPilotPoint[] {
  const byType = new Map<string, number>(NAMED_GPU_TYPES.map((t) => [t, 0]));
  for (const job of running(jobs)) {
    for (const [type, n] of jobGpus(job)) byType.set(type, (byType.get(type) ?? 0) + n);
  }
  const total = [...byType.values()].reduce((s, n) => s + n, 0);
  return [
    ...NAMED_GPU_TYPES.map((t) => point(`skypilot.resources.gpus.${t}_count`, byType.get(t) ?? 0)),
    point('skypilot.resources.gpus.total_count', total),
    // The named types are always sent (0 when none), so the tagged family matches the named metrics.
    ...[...byType].map(([type, n]) => point('skypilot.resources.gpus.count', n, { gpu_type: type })),
  ];
}

export function pricingMetrics(jobs: readonly Job[]): SkyPilotPoint[] {
  const spot = running(jobs).filter((j) => pricing(j) === 'spot').length;
  return [
    point('skypilot.resources.spot_jobs', spot),
    point('skypilot.resources.ondemand_jobs', running(jobs).length - spot),
  ];
}
