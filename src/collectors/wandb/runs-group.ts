/**
 * Group `runs`: the runs whose lifetime overlaps W, filtered server-side (created by asOf, and running
 * or heard from after the start of W), oldest first, one request per page. A project's older history
 * is never read: the cost follows the runs active in W.
 */
import { mean, ratio } from '../kit/statistics';
import { HOUR_MS, WEEK_MS, inWindow, windowEnding } from '../kit/window';
import type { CollectContext } from '../types';
import type { WandbClient } from './client';
import { json, touching } from './filters';
import { pathOf, readAll, requireProject, type ProjectRef } from './paging';
import { points, type WandbPoint } from './points';
import { RUNS_QUERY, type Connection, type RunNode } from './queries';
import { endedIn, hoursIn, parseRun, runningAt, type Run } from './run';
import type { WandbSettings } from './settings';

export async function readRunsTouching(
  client: WandbClient,
  ref: ProjectRef,
  asOf: Date,
  perPage: number,
): Promise<{ runs: Run[]; unreadable: number }> {
  const nodes = await readAll<RunNode>(client, {
    query: RUNS_QUERY,
    variables: { ...ref, filters: json(touching(windowEnding(asOf, WEEK_MS))) },
    perPage,
    subject: `project ${pathOf(ref)} (runs)`,
    connection: (data) =>
      requireProject((data as { project?: { runs: Connection<RunNode> | null } | null }).project, ref).runs,
  });
  const runs: Run[] = [];
  for (const node of nodes) {
    const run = parseRun(node);
    if (run) runs.push(run);
  }
  return { runs, unreadable: nodes.length - runs.length };
}

/** The metrics of the `runs` group from the runs that touch W (any other run contributes nothing). */
export function runMetrics(runs: readonly Run[], asOf: Date): WandbPoint[] {
  const w = windowEnding(asOf, WEEK_MS);
  const ended = runs.filter((r) => endedIn(r, w));
  const durations = ended.map((r) => (r.heartbeatAt! - r.createdAt) / HOUR_MS);
  let gpuHours = 0;
  let withoutGpuInfo = 0;
  for (const run of runs) {
    const hours = hoursIn(run, w);
    // Only runs the window actually overlaps: the server's filter is a superset at its edges.
    if (hours === 0 && !(run.createdAt > w.start.getTime() && run.createdAt <= w.end.getTime())) continue;
    if (run.gpus === undefined) withoutGpuInfo++;
    else gpuHours += hours * run.gpus;
  }
  const running = runs.filter((r) => r.state === 'running' && r.createdAt <= asOf.getTime());
  const utilization = running.flatMap((r) => (r.gpuUtilization === undefined ? [] : [r.gpuUtilization]));
  const created = runs.filter((r) => inWindow(r.createdAt, w));
  const users = new Set<string>();
  for (const run of runs) {
    if (run.user && (inWindow(run.createdAt, w) || runningAt(run, asOf))) users.add(run.user);
  }
  return points({
    'wandb.runs.avg_duration_hours': mean(durations),
    'wandb.compute.total_gpu_hours_7d': gpuHours,
    'wandb.runs.without_gpu_info': withoutGpuInfo,
    'wandb.compute.avg_gpu_utilization': mean(utilization),
    'wandb.users.active_7d': users.size,
    'wandb.runs.per_user_7d': ratio(created.length, users.size),
  });
}

export async function collectRuns(
  ctx: CollectContext<WandbSettings>,
  client: WandbClient,
  ref: ProjectRef,
): Promise<WandbPoint[]> {
  const { runs, unreadable } = await readRunsTouching(client, ref, ctx.asOf, ctx.settings.options.pageSize);
  if (unreadable)
    ctx.log.warn('W&B runs without a readable createdAt were skipped', { project: pathOf(ref), unreadable });
  ctx.log.info('W&B runs touching the window read', {
    project: pathOf(ref),
    runs: runs.length,
    requests: client.requests,
  });
  return runMetrics(runs, ctx.asOf);
}
