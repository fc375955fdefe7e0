/**
 * Group `jobs`: one snapshot of the managed-jobs queue → every job metric and `controller.up`.
 * A controller that is not up is reported (`controller.up 0`) and no job metric is sent: without the
 * queue, zeros would be lies.
 */
import type { CollectContext } from '../types';
import { ControllerDownError } from './client/errors';
import { fetchQueue } from './client/jobs-queue';
import { connect } from './connect';
import { parseJobs } from './job';
import { jobMetrics } from './metrics';
import { point, type SkyPilotPoint } from './points';
import type { SkyPilotSettings } from './settings';

export async function collectJobs(ctx: CollectContext<SkyPilotSettings>): Promise<SkyPilotPoint[]> {
  const conn = await connect(ctx, ctx.target.id);
  const { pageSize, concurrency } = ctx.settings.options;
  const queue = await fetchQueue(conn, pageSize, concurrency).catch((err: unknown) => {
    if (err instanceof ControllerDownError) return err;
    throw err;
  });
  if (queue instanceof ControllerDownError) {
    // The reason tells an idle, autostopped controller from an unreachable one (see the README).
    ctx.log.warn('jobs controller not up: sending skypilot.controller.up 0 and no job metrics', {
      server: conn.server,
      reason: queue.message,
    });
    return [point('skypilot.controller.up', 0)];
  }
  const { jobs, skipped } = parseJobs(queue.records);
  if (skipped) ctx.log.warn('queue rows without a status were skipped', { skipped });
  ctx.log.info('managed-jobs queue read', {
    server: conn.server,
    endpoint: queue.endpoint,
    pages: queue.pages,
    rows: jobs.length,
  });
  return [point('skypilot.controller.up', 1), ...jobMetrics(jobs, ctx.asOf)];
}
