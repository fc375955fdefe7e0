/** `collectors doctor`: who the token belongs to, and which workspaces it sees. */
import type { PlanContext } from '../types';
import { connect } from './connect';
import type { AsanaSettings } from './settings';

export async function probe(ctx: PlanContext<AsanaSettings>): Promise<string> {
  const client = await connect(ctx);
  const me = await client.get<{ name?: string; workspaces?: { gid: string; name?: string }[] }>(
    '/users/me',
    { opt_fields: 'name,workspaces.name' },
    'the token’s user',
  );
  const seen = new Set((me.workspaces ?? []).map((w) => w.gid));
  const missing = ctx.settings.targets.map((t) => t.workspace).filter((w) => !seen.has(w));
  const workspaces = (me.workspaces ?? []).map((w) => w.name ?? w.gid).join(', ') || 'none';
  return (
    `Asana at ${client.baseUrl}: the token belongs to ${me.name ?? '(no name)'}, workspaces ${workspaces}` +
    (missing.length ? `; NOT a member of configured workspace ${missing.join(', ')}` : '')
  );
}
