import type { MonitorSpec } from '../kit/monitor-spec';

/** EC2's monitors beside the health ones. */
export const ec2Monitors: readonly MonitorSpec[] = [
  {
    id: 'idle-instances',
    title: 'EC2 idle instances',
    metric: 'ec2.utilization.idle_instances',
    reduce: 'min',
    combine: 'sum',
    by: ['account', 'region'],
    // An hour of idleness is already in the metric; three cycles keep one quiet reading from alerting.
    cycles: 3,
    comparator: '>',
    defaultThreshold: 0,
    message:
      'Running instances in {{account.name}} / {{region.name}} have been idle (low CPU) for three cycles: stop them or make them spot.',
  },
  {
    id: 'unattached-volumes-cost',
    title: 'EC2 unattached volumes cost',
    metric: 'ec2.ebs.unattached_cost_monthly_estimate',
    reduce: 'min',
    combine: 'sum',
    by: ['account', 'region'],
    cycles: 2,
    comparator: '>',
    // USD per month.
    defaultThreshold: 100,
    message:
      'EBS volumes attached to nothing in {{account.name}} / {{region.name}} cost more than the threshold a month: snapshot and delete the ones no one needs.',
  },
];
