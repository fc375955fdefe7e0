/**
 * What a job's resources strings say: node count, spot or on-demand, accelerators per node.
 *
 * Formats (checked in skypilot 0.14.1):
 * - `cluster_resources`, the launched cluster (sky/utils/resources_utils.py, get_readable_resources_repr
 *   and format_resource): `2x[spot](gpus=H100:8, p5.48xlarge, ...)`, `1x(cpus=4, mem=16, m6i.xlarge, ...)`;
 *   `-` or `<initializing>` before launch. Older servers: `1x AWS(p3.2xlarge[Spot], {'V100': 1})`.
 * - `resources`, the request (sky/backends/backend_utils.py, get_task_resources_str):
 *   `2x[H100:8][Spot]`, `1x[CPU:4]`; `[On-demand|Spot]` when the request allows either (the
 *   pricings sorted and joined by `|`).
 * - `accelerators`, per node, from the launched cluster: `{"H100": 8}`; absent when none or not launched.
 */
import type { Job } from './job';

export type Pricing = 'spot' | 'ondemand';

const NODES = /^\s*(\d+)\s*x/i;
const SPOT = /\[spot\]/i;
/** A launched-cluster string starts with `Nx` and describes the cluster, unlike `-` or `<initializing>`. */
const LAUNCHED = /^\s*\d+\s*x\s*(\[spot\])?\s*[A-Za-z]*\(/i;

function launched(job: Job): string | undefined {
  const s = job.cluster_resources;
  return s && LAUNCHED.test(s) ? s : undefined;
}

/**
 * Spot or on-demand, in one place: the launched cluster decides when known (a `[spot]` marker);
 * otherwise the request, where only a plain `[Spot]` means spot. A request for either,
 * `[On-demand|Spot]`, does not say the job is spot, so without a launched cluster it counts as
 * on-demand (spot only when the resources say so); a RUNNING job's cluster almost always says.
 */
export function pricing(job: Job): Pricing {
  const source = launched(job) ?? job.resources ?? '';
  return SPOT.test(source) ? 'spot' : 'ondemand';
}

/** Nodes of the job: the `Nx` prefix of the launched cluster, else of the request; 1 when neither says. */
export function nodeCount(job: Job): number {
  for (const s of [launched(job), job.resources]) {
    const m = s ? NODES.exec(s) : null;
    if (m) return Math.max(1, Number(m[1]));
  }
  return 1;
}

const GPUS_IN_CLUSTER = /gpus=([^:,()\s]+):([\d.]+)/i;
const LEGACY_GPUS_IN_CLUSTER = /\{'([^']+)':\s*([\d.]+)\}/;
const ONE_ACCELERATOR_REQUESTED = /^\s*\d+\s*x\s*\[([^:,\]\s]+):([\d.]+)\]/i;

/**
 * Accelerators per node: the `accelerators` field, else what the launched cluster string shows,
 * else a request for exactly one accelerator type (a request listing several lists alternatives).
 */
export function acceleratorsPerNode(job: Job): Record<string, number> {
  if (job.accelerators) return job.accelerators;
  const cluster = launched(job);
  const m =
    (cluster && (GPUS_IN_CLUSTER.exec(cluster) ?? LEGACY_GPUS_IN_CLUSTER.exec(cluster))) ||
    (job.resources ? ONE_ACCELERATOR_REQUESTED.exec(job.resources) : null);
  if (!m || m[1]!.toUpperCase() === 'CPU') return {};
  return { [m[1]!]: Number(m[2]) };
}

/** `H100-MEGA` → `h100`, `A100-80GB` → `a100`, `L4` → `l4`: lower-cased, suffix after the first `-` dropped. */
export function gpuType(name: string): string {
  const base = name.trim().toLowerCase().split('-')[0] ?? '';
  return base.replace(/[^a-z0-9_.]/g, '_') || 'unknown';
}

/** GPUs the job holds, by normalised type: per-node count × node count. */
export function jobGpus(job: Job): Map<string, number> {
  const nodes = nodeCount(job);
  const out = new Map<string, number>();
  for (const [name, count] of Object.entries(acceleratorsPerNode(job))) {
    if (!Number.isFinite(count) || count <= 0) continue;
    const type = gpuType(name);
    out.set(type, (out.get(type) ?? 0) + count * nodes);
  }
  return out;
}
