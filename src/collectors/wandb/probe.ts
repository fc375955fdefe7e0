/** `collectors doctor`: who the key belongs to, on which W&B. */
import type { PlanContext } from '../types';
import { connect } from './connect';
import { VIEWER_QUERY } from './queries';
import type { WandbSettings } from './settings';

export async function probe(ctx: PlanContext<WandbSettings>): Promise<string> {
  const client = await connect(ctx);
  const data = await client.query<{ viewer: { username: string | null; entity: string | null } | null }>({
    query: VIEWER_QUERY,
    subject: 'the viewer',
  });
  if (!data.viewer) return `W&B at ${client.baseUrl}: answered, but the key belongs to no user`;
  const who = data.viewer.username ?? '(no username)';
  return `W&B at ${client.baseUrl}: the key belongs to ${who}${data.viewer.entity ? ` (default entity ${data.viewer.entity})` : ''}`;
}
