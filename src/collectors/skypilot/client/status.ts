/**
 * Clusters (`POST /status`): no refresh (never touches the clouds), no credentials (the default
 * `include_credentials: true` would ship SSH keys), a summary without handles
 * (sky/server/requests/payloads.py, StatusBody). The answer is a list of clusters with `status`.
 */
import type { Connection } from './connection';
import { runRequest } from './async-request';
import { ProtocolError } from './errors';

export const STATUS_BODY = {
  cluster_names: null,
  refresh: 'NONE',
  all_users: true,
  include_credentials: false,
  summary_response: true,
  include_handle: false,
} as const;

export async function fetchClusterStatuses(conn: Connection): Promise<string[]> {
  const value = await runRequest(conn, '/status', STATUS_BODY);
  if (!Array.isArray(value)) {
    throw new ProtocolError(`SkyPilot API server ${conn.server}: /status did not return a list of clusters`);
  }
  return value.map((c) => {
    const status = (c as { status?: unknown } | null)?.status;
    return typeof status === 'string' ? status.toUpperCase() : '';
  });
}
