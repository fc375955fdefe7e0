/**
 * What an instance type brings: GPUs and Neuron devices (src/collectors/ec2/README.md, "How each
 * metric is computed"), from `DescribeInstanceTypes`, asked only for the types in use and kept a day
 * per account × region in the worker's memory (type specifications do not change).
 *
 * A GPU is counted as `LogicalGpuCount × GpuPartitionSize` when the type gives a partition size
 * (g6f.large: 1 × 0.125 = 0.125 of an L4), else `Count`. Trainium and Inferentia devices (`NeuronInfo`)
 * are not GPUs: they are counted apart, and an instance with them is not CPU-only.
 */
import { DescribeInstanceTypesCommand, type InstanceTypeInfo } from '@aws-sdk/client-ec2';
import type { AwsClients } from './aws';

export interface TypeInfo {
  /** GPUs per instance (fractional for partitioned GPUs). */
  readonly gpus: number;
  /** GPUs per instance by model (`a100`, `l4`, …). */
  readonly gpusByModel: ReadonlyMap<string, number>;
  /** Trainium / Inferentia devices per instance. */
  readonly neuronDevices: number;
}

const TTL_MS = 24 * 3_600_000;
/** DescribeInstanceTypes takes at most 100 types a call. */
const TYPES_PER_CALL = 100;
const cache = new Map<string, { info: TypeInfo; fetchedAt: number }>();

export function forgetInstanceTypes(): void {
  cache.clear();
}

/** The model as a tag value: `A100` → `a100`, `Radeon Pro V520` → `radeon_pro_v520`. */
export function gpuModelTag(name: string | undefined): string {
  const tag = (name ?? 'unknown')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return tag || 'unknown';
}

export function typeInfoOf(type: InstanceTypeInfo): TypeInfo {
  const byModel = new Map<string, number>();
  let gpus = 0;
  for (const gpu of type.GpuInfo?.Gpus ?? []) {
    const count =
      gpu.GpuPartitionSize !== undefined && gpu.LogicalGpuCount !== undefined
        ? gpu.LogicalGpuCount * gpu.GpuPartitionSize
        : (gpu.Count ?? 0);
    if (count <= 0) continue;
    gpus += count;
    const model = gpuModelTag(gpu.Name);
    byModel.set(model, (byModel.get(model) ?? 0) + count);
  }
  const neuronDevices = (type.NeuronInfo?.NeuronDevices ?? []).reduce((n, d) => n + (d.Count ?? 0), 0);
  return { gpus, gpusByModel: byModel, neuronDevices };
}

/** The specifications of `types` (every one must exist in the region). Calls AWS for those not known. */
export async function typeInfos(
  clients: AwsClients,
  types: readonly string[],
  now: number,
): Promise<Map<string, TypeInfo>> {
  const key = (t: string) =>
    `${clients.account.endpoints?.ec2 ?? ''}|${clients.account.name}|${clients.region}|${t}`;
  const wanted = [...new Set(types)].sort();
  const stale = wanted.filter((t) => {
    const entry = cache.get(key(t));
    return !entry || now - entry.fetchedAt >= TTL_MS;
  });
  for (let i = 0; i < stale.length; i += TYPES_PER_CALL) {
    let token: string | undefined;
    do {
      const out = await clients.send(
        (o) =>
          clients.ec2.send(
            new DescribeInstanceTypesCommand({
              InstanceTypes: stale.slice(i, i + TYPES_PER_CALL) as never,
              ...(token ? { NextToken: token } : {}),
            }),
            o,
          ),
        'ec2:DescribeInstanceTypes',
      );
      for (const type of out.InstanceTypes ?? []) {
        if (type.InstanceType) cache.set(key(type.InstanceType), { info: typeInfoOf(type), fetchedAt: now });
      }
      token = out.NextToken;
    } while (token);
  }
  const out = new Map<string, TypeInfo>();
  for (const t of wanted) {
    const entry = cache.get(key(t));
    if (entry) out.set(t, entry.info);
  }
  return out;
}
