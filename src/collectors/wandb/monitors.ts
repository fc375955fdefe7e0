import type { MonitorSpec } from '../kit/monitor-spec';

/** W&B's monitors beside the health ones. */
export const wandbMonitors: readonly MonitorSpec[] = [
  {
    id: 'crashed-runs',
    title: 'W&B crashed runs',
    metric: 'wandb.runs.crashed_7d',
    reduce: 'max',
    combine: 'sum',
    by: ['entity', 'project'],
    cycles: 1,
    comparator: '>',
    // Runs crashed over the last 7 days.
    defaultThreshold: 0,
    message:
      'Runs of {{entity.name}}/{{project.name}} crashed in the last 7 days (their heartbeats stopped): check the machines they ran on.',
  },
];
