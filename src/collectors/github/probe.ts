import type { PlanContext } from '../types';
import { readRateLimit } from './api/rate-limit';
import { createGithubClient } from './client/create';
import { toCollectorError } from './client/errors';
import type { GithubSettings } from './settings';

/**
 * `GET /rate_limit`: proves the credentials and the API URL without spending the limit (under app auth,
 * minting an installation token first).
 */
export async function githubProbe(ctx: PlanContext<GithubSettings>): Promise<string> {
  const client = await createGithubClient(ctx);
  try {
    const { core } = await readRateLimit(client);
    const left = core
      ? `${fmt(core.remaining)}/${fmt(core.limit)} core requests left`
      : 'no core limit reported';
    const as = client.appInstallation ? ` as ${client.appInstallation}` : '';
    return `GitHub API at ${client.baseUrl}${as}: ${left}`;
  } catch (err) {
    throw toCollectorError(err, `the GitHub API at ${client.baseUrl}`);
  }
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
