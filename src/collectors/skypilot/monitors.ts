import type { MonitorSpec } from '../kit/monitor-spec';

const HOUR_SECONDS = 3_600;

/** SkyPilot's monitors beside the health ones. */
export const skypilotMonitors: readonly MonitorSpec[] = [
  {
    id: 'runtime-p99-high',
    title: 'SkyPilot p99 job runtime over 48 h',
    metric: 'skypilot.jobs.runtime_seconds.p99',
    reduce: 'min',
    combine: 'max',
    by: ['skypilot_server'],
    cycles: 2,
    comparator: '>',
    defaultThreshold: 48 * HOUR_SECONDS,
    message:
      'The p99 runtime of managed jobs on {{skypilot_server.name}} is over the threshold: some jobs may be stuck. Look at `sky jobs queue` for the longest-running ones.',
  },
  {
    id: 'controller-down',
    title: 'SkyPilot jobs controller down',
    metric: 'skypilot.controller.up',
    reduce: 'max',
    combine: 'min',
    by: ['skypilot_server'],
    cycles: 2,
    comparator: '<',
    // `controller.up` is 0 or 1: below 1 for two whole cycles means down.
    defaultThreshold: 1,
    message:
      'The managed jobs controller of {{skypilot_server.name}} has been down for two cycles: managed jobs are not scheduled or recovered.',
  },
];
