/**
 * Group `sweeps`: sweeps in state RUNNING, and sweeps FINISHED with `updatedAt` in W. W&B (the cloud,
 * and W&B Server 0.81.4 on) filters sweeps server-side: one request for the sweeps running or updated
 * in W. An older server refuses the `filters` argument; then every sweep of the project is read, a
 * page at a time, and the same rule is applied here (it is applied here in any case).
 */
import { WEEK_MS, inWindow, windowEnding, type Window } from '../kit/window';
import type { CollectContext } from '../types';
import { GraphqlSchemaError, type WandbClient } from './client';
import { json, sweepsOfInterest, wandbTime } from './filters';
import { pathOf, readAll, requireProject, type ProjectRef } from './paging';
import { points, type WandbPoint } from './points';
import { ALL_SWEEPS_QUERY, SWEEPS_QUERY, type Connection, type SweepNode } from './queries';
import type { WandbSettings } from './settings';

export async function collectSweeps(
  ctx: CollectContext<WandbSettings>,
  client: WandbClient,
  ref: ProjectRef,
): Promise<WandbPoint[]> {
  const w = windowEnding(ctx.asOf, WEEK_MS);
  const perPage = ctx.settings.options.pageSize;
  const subject = `project ${pathOf(ref)} (sweeps)`;
  const connection = (data: unknown) =>
    requireProject((data as { project?: { sweeps: Connection<SweepNode> | null } | null }).project, ref)
      .sweeps;
  let sweeps: SweepNode[];
  try {
    sweeps = await readAll<SweepNode>(client, {
      query: SWEEPS_QUERY,
      variables: { ...ref, filters: json(sweepsOfInterest(w)) },
      perPage,
      subject,
      connection,
    });
  } catch (err) {
    if (!(err instanceof GraphqlSchemaError && /filters/.test(err.message))) throw err;
    ctx.log.info('this W&B server does not filter sweeps: reading every sweep of the project', {
      project: pathOf(ref),
    });
    sweeps = await readAll<SweepNode>(client, {
      query: ALL_SWEEPS_QUERY,
      variables: { ...ref },
      perPage,
      subject,
      connection,
    });
  }
  return sweepMetrics(sweeps, w);
}

export function sweepMetrics(sweeps: readonly SweepNode[], w: Window): WandbPoint[] {
  const state = (s: SweepNode) => s.state.toUpperCase();
  return points({
    'wandb.experiments.sweeps_running': sweeps.filter((s) => state(s) === 'RUNNING').length,
    'wandb.experiments.sweeps_completed_7d': sweeps.filter(
      (s) => state(s) === 'FINISHED' && inWindow(wandbTime(s.updatedAt), w),
    ).length,
  });
}
