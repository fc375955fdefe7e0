import type { MonitorSpec } from '../kit/monitor-spec';

/** Asana's monitors beside the health ones. */
export const asanaMonitors: readonly MonitorSpec[] = [
  {
    id: 'overdue-tasks',
    title: 'Asana overdue tasks',
    metric: 'asana.tasks.overdue',
    reduce: 'max',
    combine: 'sum',
    by: ['workspace', 'project'],
    cycles: 1,
    comparator: '>',
    defaultThreshold: 10,
    message: 'Project {{project.name}} in {{workspace.name}} has more overdue tasks than the threshold.',
  },
];
