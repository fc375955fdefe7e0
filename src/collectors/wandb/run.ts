/**
 * What the `runs` group needs of each run: its lifetime, its GPU count and its latest GPU
 * utilization, read from the fields W&B returns (times without a zone are UTC).
 */
import { HOUR_MS, type Window } from '../kit/window';
import { TERMINAL_STATES, wandbTime } from './filters';
import type { RunNode } from './queries';

export interface Run {
  readonly name: string;
  readonly state: string;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms of the last heartbeat; undefined when W&B has none. */
  readonly heartbeatAt: number | undefined;
  readonly user: string | undefined;
  /** GPUs from runInfo.gpuCount, else counted in the system metrics; undefined without either. */
  readonly gpus: number | undefined;
  /** Mean of the latest per-GPU utilization (%); undefined when the run reports none. */
  readonly gpuUtilization: number | undefined;
}

/** `system.gpu.<i>.gpu` is a GPU's utilization (%); any `system.gpu.<i>.*` says GPU i exists. */
const GPU_KEY = /^system\.gpu\.(\d+)\.(.+)$/;

export function parseRun(node: RunNode): Run | undefined {
  const createdAt = wandbTime(node.createdAt);
  if (createdAt === undefined) return undefined;
  const system = parseObject(node.systemMetrics);
  const indices = new Set<string>();
  const utilization: number[] = [];
  for (const [key, value] of Object.entries(system)) {
    const m = GPU_KEY.exec(key);
    if (!m) continue;
    indices.add(m[1]!);
    if (m[2] === 'gpu' && typeof value === 'number' && Number.isFinite(value)) utilization.push(value);
  }
  const infoCount = node.runInfo?.gpuCount;
  const gpus =
    typeof infoCount === 'number' && Number.isFinite(infoCount) && infoCount >= 0
      ? infoCount
      : indices.size > 0
        ? indices.size
        : undefined;
  return {
    name: node.name,
    state: (node.state ?? '').toLowerCase(),
    createdAt,
    heartbeatAt: wandbTime(node.heartbeatAt),
    user: node.user?.username ?? node.user?.name ?? undefined,
    gpus,
    gpuUtilization: utilization.length
      ? utilization.reduce((s, v) => s + v, 0) / utilization.length
      : undefined,
  };
}

export function isTerminal(run: Run): boolean {
  return (TERMINAL_STATES as readonly string[]).includes(run.state);
}

/** The end of its lifetime as of asOf: asOf while running, else its last heartbeat (never after asOf). */
export function lifetimeEnd(run: Run, asOf: Date): number {
  const end = run.state === 'running' ? asOf.getTime() : (run.heartbeatAt ?? run.createdAt);
  return Math.min(end, asOf.getTime());
}

/** Hours of `[createdAt, lifetimeEnd]` inside W. */
export function hoursIn(run: Run, w: Window): number {
  const from = Math.max(run.createdAt, w.start.getTime());
  const to = lifetimeEnd(run, w.end);
  return to > from ? (to - from) / HOUR_MS : 0;
}

/** Ended in W: terminal, last heartbeat in `(start, end]`. */
export function endedIn(run: Run, w: Window): boolean {
  const t = run.heartbeatAt;
  return isTerminal(run) && t !== undefined && t > w.start.getTime() && t <= w.end.getTime();
}

/** Running at asOf: created by then, and running now or heard from at or after asOf. */
export function runningAt(run: Run, asOf: Date): boolean {
  if (run.createdAt > asOf.getTime()) return false;
  return run.state === 'running' || (run.heartbeatAt !== undefined && run.heartbeatAt >= asOf.getTime());
}

/** A JSON string of W&B (system or summary metrics) as an object; {} when missing or not an object. */
export function parseObject(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
