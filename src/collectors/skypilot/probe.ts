/** `collectors doctor`: `GET /api/health` with the token, one line per server. */
import type { PlanContext } from '../types';
import { fetchHealth } from './client/health';
import { connect } from './connect';
import type { SkyPilotSettings } from './settings';

export async function probe(ctx: PlanContext<SkyPilotSettings>): Promise<string> {
  const lines: string[] = [];
  for (const server of ctx.settings.targets) {
    const conn = await connect(ctx, server.name);
    const h = await fetchHealth(conn);
    const who = h.user?.name ? `, as ${h.user.name}` : conn.headers.authorization ? '' : ', no credentials';
    const version = h.version
      ? `SkyPilot ${h.version} (API ${h.api_version ?? '?'})`
      : 'version not disclosed';
    lines.push(
      `SkyPilot API server ${server.name} (${conn.display}): ${h.status ?? 'unknown'}, ${version}${who}`,
    );
  }
  return lines.join('; ');
}
