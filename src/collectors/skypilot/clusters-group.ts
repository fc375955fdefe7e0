/** Group `clusters`: `POST /status` → the clusters that are UP. */
import type { Point } from '../../catalog/model';
import type { CollectContext } from '../types';
import { fetchClusterStatuses } from './client/status';
import { connect } from './connect';
import { point } from './metrics/point';
import type { SkyPilotSettings } from './settings';

export async function collectClusters(ctx: CollectContext<SkyPilotSettings>): Promise<Point[]> {
  const conn = await connect(ctx, ctx.target.id);
  const statuses = await fetchClusterStatuses(conn);
  return [point('clusters.active', statuses.filter((s) => s === 'UP').length)];
}
