/**
 * Group `instances` of one account × region: every instance but the terminated ones (DescribeInstances,
 * 1,000 a page), the types in use (GPUs, Neuron devices), the hourly price of each running instance
 * and its CPU over the last hour. Calls per cycle: the pages, one DescribeSpotPriceHistory per 1,000
 * spot offers when spot instances run, one GetMetricData per 500 running instances; types and
 * on-demand prices only when not read in the last day.
 */
import type { CollectContext } from '../types';
import type { AwsClients } from './aws';
import { typeInfos } from './instance-types';
import { instanceMetrics, linuxShared } from './instances-metrics';
import { readCpu, readInstances, readSpotPrices } from './instances-read';
import type { Ec2Point } from './points';
import { pricesOf } from './prices';
import type { Ec2Settings } from './settings';

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
