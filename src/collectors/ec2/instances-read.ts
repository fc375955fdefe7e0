/**
 * What group `instances` reads from AWS: the instances (DescribeInstances, 1,000 a page), spot prices
 * for the AZs where spot instances run, and each running instance's CPU over the last hour.
 */
import {
  DescribeInstancesCommand,
  DescribeSpotPriceHistoryCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { mean } from '../kit/statistics';
import { HOUR_MS } from '../kit/window';
import type { AwsClients } from './aws';

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
