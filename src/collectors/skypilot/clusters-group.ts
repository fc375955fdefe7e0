/** Group `clusters`: `POST /status` → the clusters that are UP. */
import type { CollectContext } from '../types';
import { fetchClusterStatuses } from './client/status';
import { connect } from './connect';
import { point, type SkyPilotPoint } from './points';
import type { SkyPilotSettings } from './settings';

export async function collectClusters(ctx: CollectContext<SkyPilotSettings>): Promise<SkyPilotPoint[]> {
  const conn = await connect(ctx, ctx.target.id);
  const statuses = await fetchClusterStatuses(conn);
  return [point('skypilot.clusters.active', statuses.filter((s) => s === 'UP').length)];
}
