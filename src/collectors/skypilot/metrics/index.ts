/** Every job metric of one queue snapshot, in catalog order of concern. */
import type { Job } from '../job';
import { gpuMetrics, pricingMetrics } from './gpus';
import { jobCounts } from './job-counts';
import { recoveryMetrics } from './recoveries';
import { regionMetrics } from './regions';
import { runtimeMetrics } from './runtime';
import { userMetrics } from './users';
import type { SkyPilotPoint } from '../points';

export function jobMetrics(jobs: readonly Job[], asOf: Date): SkyPilotPoint[] {
  return [
    ...jobCounts(jobs, asOf),
    ...runtimeMetrics(jobs),
    ...gpuMetrics(jobs),
    ...pricingMetrics(jobs),
    ...recoveryMetrics(jobs),
    ...regionMetrics(jobs),
    ...userMetrics(jobs, asOf),
  ];
}
