/**
 * Group `volumes` of one account × region: every EBS volume (DescribeVolumes, 500 a page) and the
 * GB-month storage price of each volume type in use (Price List API, kept a day).
 */
import { DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import type { CollectContext } from '../types';
import type { AwsClients } from './aws';
import { points, type Ec2Point } from './points';
import { pricesOf } from './prices';
import type { Ec2Settings } from './settings';

export interface VolumeRecord {
  readonly id: string;
  /** creating, available, in-use, deleting, deleted, error. */
  readonly state: string;
  /** GiB. */
  readonly size: number;
  /** gp3, gp2, io2, st1, sc1, standard, … */
  readonly type: string;
}

export async function readVolumes(clients: AwsClients, heartbeat: () => void): Promise<VolumeRecord[]> {
  const out: VolumeRecord[] = [];
  let token: string | undefined;
  do {
    const page = await clients.send(
      (o) =>
        clients.ec2.send(
          new DescribeVolumesCommand({ MaxResults: 500, ...(token ? { NextToken: token } : {}) }),
          o,
        ),
      'ec2:DescribeVolumes',
    );
    for (const v of page.Volumes ?? []) {
      if (!v.VolumeId || !v.State) continue;
      out.push({ id: v.VolumeId, state: v.State, size: v.Size ?? 0, type: v.VolumeType ?? 'standard' });
    }
    token = page.NextToken;
    heartbeat();
  } while (token);
  return out;
}

/** `prices`: USD per GB-month by volume type. */
export function volumeMetrics(
  volumes: readonly VolumeRecord[],
  prices: ReadonlyMap<string, number>,
): Ec2Point[] {
  const live = volumes.filter((v) => v.state !== 'deleting' && v.state !== 'deleted');
  const unattached = live.filter((v) => v.state === 'available');
  const cost = (list: readonly VolumeRecord[]) => {
    let sum = 0;
    let priced = 0;
    for (const v of list) {
      const price = prices.get(v.type);
      if (price === undefined) continue;
      sum += v.size * price;
      priced++;
    }
    return { sum: list.length === 0 || priced > 0 ? sum : undefined, unpriced: list.length - priced };
  };
  const all = cost(live);
  const sizes = (list: readonly VolumeRecord[]) => list.reduce((n, v) => n + v.size, 0);
  return points({
    'ec2.ebs.volumes_total': live.length,
    'ec2.ebs.unattached_volumes': unattached.length,
    'ec2.ebs.storage_total_gb': sizes(live),
    'ec2.ebs.unattached_gb': sizes(unattached),
    'ec2.ebs.cost_monthly_estimate': all.sum,
    'ec2.ebs.unattached_cost_monthly_estimate': cost(unattached).sum,
    'ec2.ebs.unpriced_volumes': all.unpriced,
  });
}

export async function collectVolumes(
  ctx: CollectContext<Ec2Settings>,
  clients: AwsClients,
): Promise<Ec2Point[]> {
  const volumes = await readVolumes(clients, () => ctx.heartbeat());
  const live = volumes.filter((v) => v.state !== 'deleting' && v.state !== 'deleted');
  const prices = await pricesOf(
    clients,
    'volume',
    clients.region,
    [...new Set(live.map((v) => v.type))],
    Date.now(),
    ctx.log,
  );
  ctx.log.info('EBS volumes read', {
    account: clients.account.name,
    region: clients.region,
    volumes: volumes.length,
  });
  return volumeMetrics(volumes, prices);
}
