/**
 * Group `instances` of one account × region: every instance but the terminated ones (DescribeInstances,
 * 1,000 a page), the types in use (GPUs, Neuron devices), the hourly price of each running instance
 * and its CPU over the last hour. Calls per cycle: the pages, one DescribeSpotPriceHistory per 1,000
 * spot offers when spot instances run, one GetMetricData per 500 running instances; types and
 * on-demand prices only when not read in the last day.
 */
import {
  DescribeInstancesCommand,
  DescribeSpotPriceHistoryCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { mean } from '../kit/statistics';
import { HOUR_MS, DAY_MS } from '../kit/window';
import type { CollectContext } from '../types';
import type { AwsClients } from './aws';
import { typeInfos, type TypeInfo } from './instance-types';
import { point, points, type Ec2Point } from './points';
import { pricesOf } from './prices';
import type { Ec2Settings } from './settings';

/** AWS's hours in a month, as its own monthly estimates use. */
export const HOURS_PER_MONTH = 730;
/** GetMetricData takes at most 500 queries a call. */
export const QUERIES_PER_CALL = 500;
/** CloudWatch's basic monitoring period: the mean of the hour's 5-minute averages. */
const PERIOD_S = 300;

export interface InstanceRecord {
  readonly id: string;
  readonly type: string;
  /** pending, running, stopping, stopped, shutting-down. */
  readonly state: string;
  /** spot, capacity-block, scheduled, …; undefined for on-demand. */
  readonly lifecycle: string | undefined;
  readonly launchTime: Date | undefined;
  readonly az: string | undefined;
  /** `Linux/UNIX`, `Windows`, `Red Hat Enterprise Linux`, …; undefined when AWS does not say. */
  readonly platform: string | undefined;
  /** default, dedicated, host. */
  readonly tenancy: string | undefined;
}

export function recordOf(instance: Instance): InstanceRecord | undefined {
  if (!instance.InstanceId || !instance.InstanceType || !instance.State?.Name) return undefined;
  return {
    id: instance.InstanceId,
    type: instance.InstanceType,
    state: instance.State.Name,
    lifecycle: instance.InstanceLifecycle,
    launchTime: instance.LaunchTime,
    az: instance.Placement?.AvailabilityZone,
    platform: instance.PlatformDetails,
    tenancy: instance.Placement?.Tenancy,
  };
}

export async function readInstances(clients: AwsClients, heartbeat: () => void): Promise<InstanceRecord[]> {
  const out: InstanceRecord[] = [];
  let token: string | undefined;
  do {
    const page = await clients.send(
      (o) =>
        clients.ec2.send(
          new DescribeInstancesCommand({
            // Terminated instances stay listed for an hour; they are no longer anything's.
            Filters: [
              {
                Name: 'instance-state-name',
                Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'],
              },
            ],
            MaxResults: 1000,
            ...(token ? { NextToken: token } : {}),
          }),
          o,
        ),
      'ec2:DescribeInstances',
    );
    for (const reservation of page.Reservations ?? []) {
      for (const instance of reservation.Instances ?? []) {
        const record = recordOf(instance);
        if (record && record.state !== 'terminated') out.push(record);
      }
    }
    token = page.NextToken;
    heartbeat();
  } while (token);
  return out;
}

/** The spot price in effect at asOf of each type × AZ (`type|az`), Linux/UNIX. */
export async function readSpotPrices(
  clients: AwsClients,
  types: readonly string[],
  asOf: Date,
): Promise<Map<string, number>> {
  const best = new Map<string, { price: number; at: number; exact: boolean }>();
  if (!types.length) return new Map();
  let token: string | undefined;
  do {
    const page = await clients.send(
      (o) =>
        clients.ec2.send(
          new DescribeSpotPriceHistoryCommand({
            InstanceTypes: [...new Set(types)].sort() as never,
            ProductDescriptions: ['Linux/UNIX'],
            // Start = end = asOf: the price in effect then, one row per type × AZ.
            StartTime: asOf,
            EndTime: asOf,
            MaxResults: 1000,
            ...(token ? { NextToken: token } : {}),
          }),
          o,
        ),
      'ec2:DescribeSpotPriceHistory',
    );
    for (const row of page.SpotPriceHistory ?? []) {
      const price = Number(row.SpotPrice);
      const at = row.Timestamp?.getTime() ?? 0;
      const description = row.ProductDescription ?? '';
      if (!row.InstanceType || !row.AvailabilityZone || !Number.isFinite(price) || at > asOf.getTime())
        continue;
      if (!description.startsWith('Linux/UNIX')) continue;
      // "Linux/UNIX" over the legacy "Linux/UNIX (Amazon VPC)"; then the latest by asOf.
      const exact = description === 'Linux/UNIX';
      const key = `${row.InstanceType}|${row.AvailabilityZone}`;
      const seen = best.get(key);
      if (!seen || (exact && !seen.exact) || (exact === seen.exact && at > seen.at))
        best.set(key, { price, at, exact });
    }
    token = page.NextToken || undefined;
  } while (token);
  return new Map([...best].map(([k, v]) => [k, v.price]));
}

/** Each instance's mean CPUUtilization over (asOf − 1 h, asOf]; instances without datapoints are absent. */
export async function readCpu(
  clients: AwsClients,
  instanceIds: readonly string[],
  asOf: Date,
  heartbeat: () => void,
): Promise<Map<string, number>> {
  const means = new Map<string, number>();
  for (let i = 0; i < instanceIds.length; i += QUERIES_PER_CALL) {
    const batch = instanceIds.slice(i, i + QUERIES_PER_CALL);
    const queries: MetricDataQuery[] = batch.map((id, j) => ({
      Id: `c${j}`,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/EC2',
          MetricName: 'CPUUtilization',
          Dimensions: [{ Name: 'InstanceId', Value: id }],
        },
        Period: PERIOD_S,
        Stat: 'Average',
      },
      ReturnData: true,
    }));
    const values = new Map<string, number[]>();
    let token: string | undefined;
    do {
      const out = await clients.send(
        (o) =>
          clients.cloudwatch.send(
            new GetMetricDataCommand({
              MetricDataQueries: queries,
              StartTime: new Date(asOf.getTime() - HOUR_MS),
              EndTime: asOf,
              ...(token ? { NextToken: token } : {}),
            }),
            o,
          ),
        'cloudwatch:GetMetricData',
      );
      for (const result of out.MetricDataResults ?? []) {
        const id = batch[Number(result.Id?.slice(1))];
        if (id === undefined) continue;
        const list = values.get(id) ?? [];
        list.push(...(result.Values ?? []).filter((v) => Number.isFinite(v)));
        values.set(id, list);
      }
      token = out.NextToken;
      heartbeat();
    } while (token);
    for (const [id, list] of values) {
      const m = mean(list);
      if (m !== undefined) means.set(id, m);
    }
  }
  return means;
}

export interface InstanceInputs {
  readonly instances: readonly InstanceRecord[];
  readonly types: ReadonlyMap<string, TypeInfo>;
  /** On-demand USD per hour by type. */
  readonly onDemand: ReadonlyMap<string, number>;
  /** Spot USD per hour by `type|az`. */
  readonly spot: ReadonlyMap<string, number>;
  /** Mean CPU % by instance id. */
  readonly cpu: ReadonlyMap<string, number>;
  readonly asOf: Date;
  readonly idleCpuPercent: number;
}

/** Whether AWS's Linux, shared-tenancy prices are this instance's. */
function linuxShared(i: InstanceRecord): boolean {
  return (
    (i.platform === undefined || i.platform === 'Linux/UNIX') &&
    (i.tenancy === undefined || i.tenancy === 'default')
  );
}

/** The instance's current price per hour, or undefined when it has no known price. */
export function hourlyPrice(
  i: InstanceRecord,
  inputs: Pick<InstanceInputs, 'onDemand' | 'spot'>,
): number | undefined {
  if (!linuxShared(i)) return undefined;
  if (i.lifecycle === undefined) return inputs.onDemand.get(i.type);
  if (i.lifecycle === 'spot') return i.az ? inputs.spot.get(`${i.type}|${i.az}`) : undefined;
  return undefined;
}

export function instanceMetrics(inputs: InstanceInputs): Ec2Point[] {
  const { instances, types, asOf } = inputs;
  const running = instances.filter((i) => i.state === 'running');
  let gpus = 0;
  let neuron = 0;
  let cpuOnly = 0;
  const byModel = new Map<string, number>();
  const byType = new Map<string, number>();
  for (const i of running) {
    byType.set(i.type, (byType.get(i.type) ?? 0) + 1);
    const info = types.get(i.type);
    // A type AWS did not describe is counted as neither (it is logged where it is read).
    if (!info) continue;
    gpus += info.gpus;
    neuron += info.neuronDevices;
    if (info.gpus === 0 && info.neuronDevices === 0) cpuOnly++;
    for (const [model, n] of info.gpusByModel) byModel.set(model, (byModel.get(model) ?? 0) + n);
  }
  const ages = running.flatMap((i) =>
    i.launchTime ? [(asOf.getTime() - i.launchTime.getTime()) / DAY_MS] : [],
  );

  let hourly = 0;
  let priced = 0;
  let savings = 0;
  let spotCompared = 0;
  for (const i of running) {
    const price = hourlyPrice(i, inputs);
    if (price === undefined) continue;
    priced++;
    hourly += price;
    if (i.lifecycle === 'spot') {
      const od = inputs.onDemand.get(i.type);
      if (od !== undefined) {
        savings += od - price;
        spotCompared++;
      }
    }
  }
  const spot = running.filter((i) => i.lifecycle === 'spot').length;
  const costKnown = running.length === 0 || priced > 0;

  const cpu = running.flatMap((i) => {
    const v = inputs.cpu.get(i.id);
    return v === undefined ? [] : [v];
  });

  const out: Ec2Point[] = points({
    'ec2.instances.running': running.length,
    'ec2.instances.stopped': instances.filter((i) => i.state === 'stopped').length,
    'ec2.instances.total': instances.length,
    'ec2.instances.spot': spot,
    'ec2.instances.ondemand': running.filter((i) => i.lifecycle === undefined).length,
    'ec2.instances.gpu_count': gpus,
    'ec2.instances.neuron_device_count': neuron,
    'ec2.instances.cpu_only_count': cpuOnly,
    'ec2.instances.avg_age_days': mean(ages),
    'ec2.instances.oldest_age_days': ages.length ? Math.max(...ages) : undefined,
    'ec2.instances.unpriced': running.length - priced,
    'ec2.cost.running_hourly': costKnown ? hourly : undefined,
    'ec2.cost.daily_estimate': costKnown ? hourly * 24 : undefined,
    'ec2.cost.monthly_estimate': costKnown ? hourly * HOURS_PER_MONTH : undefined,
    'ec2.cost.spot_savings_hourly': spot === 0 || spotCompared > 0 ? savings : undefined,
    'ec2.utilization.avg_cpu_percent': mean(cpu),
    'ec2.utilization.max_cpu_percent': cpu.length ? Math.max(...cpu) : undefined,
    'ec2.utilization.idle_instances': cpu.filter((v) => v < inputs.idleCpuPercent).length,
    'ec2.utilization.without_cpu_data': running.length - cpu.length,
  });
  for (const [type, n] of [...byType].sort())
    out.push(point('ec2.instances.by_type', n, { instance_type: type }));
  for (const [model, n] of [...byModel].sort())
    out.push(point('ec2.instances.gpus_by_model', n, { gpu_model: model }));
  return out;
}

export async function collectInstances(
  ctx: CollectContext<Ec2Settings>,
  clients: AwsClients,
): Promise<Ec2Point[]> {
  const heartbeat = () => ctx.heartbeat();
  const instances = await readInstances(clients, heartbeat);
  const running = instances.filter((i) => i.state === 'running');
  const runningTypes = [...new Set(running.map((i) => i.type))];
  const types = await typeInfos(clients, runningTypes, Date.now());
  const undescribed = runningTypes.filter((t) => !types.has(t));
  if (undescribed.length)
    ctx.log.warn('EC2 did not describe these instance types', { region: clients.region, types: undescribed });
  // On-demand prices of every running type: spot savings compare with them too.
  const priceable = running.filter(linuxShared);
  const onDemand = await pricesOf(
    clients,
    'instance',
    clients.region,
    [...new Set(priceable.map((i) => i.type))],
    Date.now(),
    ctx.log,
  );
  const spotTypes = [...new Set(priceable.filter((i) => i.lifecycle === 'spot').map((i) => i.type))];
  const spot = await readSpotPrices(clients, spotTypes, ctx.asOf);
  const cpu = await readCpu(
    clients,
    running.map((i) => i.id),
    ctx.asOf,
    heartbeat,
  );
  ctx.log.info('EC2 instances read', {
    account: clients.account.name,
    region: clients.region,
    instances: instances.length,
    running: running.length,
    withCpu: cpu.size,
  });
  return instanceMetrics({
    instances,
    types,
    onDemand,
    spot,
    cpu,
    asOf: ctx.asOf,
    idleCpuPercent: ctx.settings.options.idleCpuPercent,
  });
}
