/** The metrics of group `instances`, computed from what instances-read.ts and the price cache read. */
import { mean } from '../kit/statistics';
import { DAY_MS } from '../kit/window';
import { type TypeInfo } from './instance-types';
import { point, points, type Ec2Point } from './points';
import type { InstanceRecord } from './instances-read';

/** AWS's hours in a month, as its own monthly estimates use. */
export const HOURS_PER_MONTH = 730;

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
export function linuxShared(i: InstanceRecord): boolean {
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
