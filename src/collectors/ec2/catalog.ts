/**
 * The EC2 metrics, declared once (how each is derived: src/collectors/ec2/README.md, "How each
 * metric is computed"; absent, not zero: docs/metrics.md#absent-not-zero). A target is one account × region. Two groups, one per inventory, so a cycle
 * reads each listing once:
 * - `instances`: DescribeInstances (every page), the types in use (DescribeInstanceTypes, kept a day),
 *   prices (Price List API, kept a day; DescribeSpotPriceHistory for spot) and CloudWatch
 *   CPUUtilization of the running instances (GetMetricData, 500 instances a call);
 * - `volumes`: DescribeVolumes (every page) and EBS prices (kept a day).
 * AWS keeps no past state of instances or volumes: no metric can be backfilled.
 */
import { catalog, metric } from '../../catalog/declare';

const RUNNING = 'instances in state running when the unit runs';
const HOUR = 'over (asOf − 1 h, asOf]';

export const ec2Catalog = catalog({
  collector: 'ec2',
  targetTags: {
    account: { description: 'The account’s configured name (targets.accounts[].name).' },
    region: { description: 'The AWS region id, e.g. us-east-1.' },
  },
  tags: {
    instance_type: { description: 'The EC2 instance type, e.g. m7i.large.', estimatedValues: 30 },
    gpu_model: {
      description: 'The GPU model of DescribeInstanceTypes’ GpuInfo, lower-cased (a100, h100, l4, …).',
      estimatedValues: 6,
    },
  },
  groups: [
    {
      name: 'instances',
      description:
        'DescribeInstances (every page), the types in use, on-demand and spot prices, and the CPUUtilization of the running instances over the last hour.',
      timeout: '3m',
      retry: { maximumAttempts: 3, initialInterval: '10s', maximumInterval: '1m' },
    },
    {
      name: 'volumes',
      description: 'DescribeVolumes (every page) and the EBS storage price of each volume type.',
      timeout: '2m',
      retry: { maximumAttempts: 3, initialInterval: '10s', maximumInterval: '1m' },
    },
  ],
  metrics: [
    metric({
      name: 'ec2.instances.running',
      unit: 'count',
      group: 'instances',
      backfill: false,
      description: 'Instances in state running when the unit runs.',
    }),
    metric({
      name: 'ec2.instances.stopped',
      unit: 'count',
      group: 'instances',
      backfill: false,
      description: 'Instances in state stopped when the unit runs.',
    }),
    metric({
      name: 'ec2.instances.total',
      unit: 'count',
      group: 'instances',
      backfill: false,
      description:
        'Instances in any state but terminated (pending, running, stopping, stopped, shutting-down) when the unit runs.',
    }),
    metric({
      name: 'ec2.instances.spot',
      unit: 'count',
      group: 'instances',
      backfill: false,
      description: `Spot ${RUNNING} (InstanceLifecycle spot).`,
    }),
    metric({
      name: 'ec2.instances.ondemand',
      unit: 'count',
      group: 'instances',
      backfill: false,
      description: `On-demand ${RUNNING} (no InstanceLifecycle; capacity blocks and scheduled instances are neither spot nor on-demand).`,
    }),
    metric({
      name: 'ec2.instances.gpu_count',
      unit: 'gpu',
      group: 'instances',
      backfill: false,
      description: `GPUs in ${RUNNING}: per instance LogicalGpuCount × GpuPartitionSize when the type is partitioned (g6f.large = 0.125), else Count (DescribeInstanceTypes GpuInfo). Neuron devices (Trainium, Inferentia) are not GPUs.`,
    }),
    metric({
      name: 'ec2.instances.gpus_by_model',
      unit: 'gpu',
      group: 'instances',
      backfill: false,
      tags: ['gpu_model'],
      description: `GPUs in ${RUNNING}, counted as in gpu_count, one series per GPU model.`,
    }),
    metric({
      name: 'ec2.instances.neuron_device_count',
      unit: 'count',
      group: 'instances',
      backfill: false,
      description: `Trainium and Inferentia devices (DescribeInstanceTypes NeuronInfo) in ${RUNNING}; they are not GPUs.`,
    }),
    metric({
      name: 'ec2.instances.cpu_only_count',
      unit: 'count',
      group: 'instances',
      backfill: false,
      description: `${RUNNING.charAt(0).toUpperCase()}${RUNNING.slice(1)} with neither GPUs nor Neuron devices.`,
    }),
    metric({
      name: 'ec2.instances.by_type',
      unit: 'count',
      group: 'instances',
      backfill: false,
      tags: ['instance_type'],
      description: `${RUNNING.charAt(0).toUpperCase()}${RUNNING.slice(1)}, one series per instance type.`,
    }),
    metric({
      name: 'ec2.instances.avg_age_days',
      unit: 'day',
      group: 'instances',
      backfill: false,
      description: `Mean of asOf − LaunchTime (the last start), in days, over ${RUNNING}; absent when none runs.`,
    }),
    metric({
      name: 'ec2.instances.oldest_age_days',
      unit: 'day',
      group: 'instances',
      backfill: false,
      description: `Largest asOf − LaunchTime (the last start), in days, among ${RUNNING}; absent when none runs.`,
    }),
    metric({
      name: 'ec2.instances.unpriced',
      unit: 'count',
      group: 'instances',
      backfill: false,
      description: `${RUNNING.charAt(0).toUpperCase()}${RUNNING.slice(1)} without a known hourly price (a type or AZ AWS lists no Linux price for, another platform, dedicated tenancy, a capacity block); they add nothing to the costs.`,
    }),
    metric({
      name: 'ec2.cost.running_hourly',
      unit: 'dollar',
      group: 'instances',
      backfill: false,
      description: `Sum of the current hourly prices (USD) of ${RUNNING}: the Linux on-demand price of the type and region, the spot price of the type in the instance’s AZ for spot; absent when instances run and none has a known price.`,
    }),
    metric({
      name: 'ec2.cost.daily_estimate',
      unit: 'dollar',
      group: 'instances',
      backfill: false,
      description: 'cost.running_hourly × 24 (USD); absent when running_hourly is.',
    }),
    metric({
      name: 'ec2.cost.monthly_estimate',
      unit: 'dollar',
      group: 'instances',
      backfill: false,
      description: 'cost.running_hourly × 730 (USD, AWS’s hours per month); absent when running_hourly is.',
    }),
    metric({
      name: 'ec2.cost.spot_savings_hourly',
      unit: 'dollar',
      group: 'instances',
      backfill: false,
      description: `Sum over spot ${RUNNING} of on-demand price − spot price (USD per hour); absent when spot instances run and none has both prices known.`,
    }),
    metric({
      name: 'ec2.utilization.avg_cpu_percent',
      unit: 'percent',
      group: 'instances',
      backfill: false,
      description: `Mean over ${RUNNING} of each one’s mean CloudWatch CPUUtilization ${HOUR} (5-minute averages); absent when none has datapoints.`,
    }),
    metric({
      name: 'ec2.utilization.max_cpu_percent',
      unit: 'percent',
      group: 'instances',
      backfill: false,
      description: `Largest per-instance mean CloudWatch CPUUtilization ${HOUR} among ${RUNNING}; absent when none has datapoints.`,
    }),
    metric({
      name: 'ec2.utilization.idle_instances',
      unit: 'count',
      group: 'instances',
      backfill: false,
      description: `${RUNNING.charAt(0).toUpperCase()}${RUNNING.slice(1)} whose mean CloudWatch CPUUtilization ${HOUR} is below options.idleCpuPercent (10 %); an instance without datapoints is not idle.`,
    }),
    metric({
      name: 'ec2.utilization.without_cpu_data',
      unit: 'count',
      group: 'instances',
      backfill: false,
      description: `${RUNNING.charAt(0).toUpperCase()}${RUNNING.slice(1)} without CPUUtilization datapoints ${HOUR} (just started, or CloudWatch is late): in no utilization statistic.`,
    }),
    metric({
      name: 'ec2.ebs.volumes_total',
      unit: 'count',
      group: 'volumes',
      backfill: false,
      description: 'EBS volumes (any state but deleting or deleted) when the unit runs.',
    }),
    metric({
      name: 'ec2.ebs.unattached_volumes',
      unit: 'count',
      group: 'volumes',
      backfill: false,
      description: 'EBS volumes in state available (attached to no instance) when the unit runs.',
    }),
    metric({
      name: 'ec2.ebs.storage_total_gb',
      unit: 'gibibyte',
      group: 'volumes',
      backfill: false,
      description: 'Sum of the sizes (GiB) of the volumes counted in volumes_total.',
    }),
    metric({
      name: 'ec2.ebs.unattached_gb',
      unit: 'gibibyte',
      group: 'volumes',
      backfill: false,
      description: 'Sum of the sizes (GiB) of the volumes in state available.',
    }),
    metric({
      name: 'ec2.ebs.cost_monthly_estimate',
      unit: 'dollar',
      group: 'volumes',
      backfill: false,
      description:
        'Sum over the volumes of volumes_total of size × the GB-month storage price of the volume type in the region (USD; provisioned IOPS and throughput not included); absent when volumes exist and none has a known price.',
    }),
    metric({
      name: 'ec2.ebs.unattached_cost_monthly_estimate',
      unit: 'dollar',
      group: 'volumes',
      backfill: false,
      description:
        'The part of ebs.cost_monthly_estimate spent on volumes in state available (USD per month); absent when unattached volumes exist and none has a known price.',
    }),
    metric({
      name: 'ec2.ebs.unpriced_volumes',
      unit: 'count',
      group: 'volumes',
      backfill: false,
      description:
        'Volumes of volumes_total whose type has no known storage price in the region; they add nothing to the costs.',
    }),
  ],
});
