/**
 * Group `status`: the project's latest status update (`GET /status_updates?parent=<project>`, which
 * Asana lists newest first; one request). A project without any counts as active and as none of
 * on_track, at_risk, off_track.
 */
import type { CollectContext } from '../types';
import type { AsanaClient } from './client';
import { points, type AsanaPoint } from './points';
import type { AsanaSettings } from './settings';
import { gidsOf } from './targets';

export async function collectStatus(
  ctx: CollectContext<AsanaSettings>,
  client: AsanaClient,
): Promise<AsanaPoint[]> {
  const { project } = gidsOf(ctx.target);
  const [latest] = await client.get<{ gid: string; status_type?: string }[]>(
    '/status_updates',
    { parent: project, limit: 1, opt_fields: 'status_type,created_at' },
    `the status updates of project ${project}`,
  );
  const type = latest?.status_type;
  return points({
    'asana.projects.active': 1,
    'asana.projects.on_track': type === 'on_track' ? 1 : 0,
    'asana.projects.at_risk': type === 'at_risk' ? 1 : 0,
    'asana.projects.off_track': type === 'off_track' ? 1 : 0,
  });
}
