import type { PlanContext } from '../types';
import { readRateLimit } from './api/rate-limit';
import { createGithubClient } from './client/create';
import { toCollectorError } from './client/errors';
import type { GithubSettings } from './settings';

/** `GET /rate_limit`: proves the token and the API URL without spending the limit. */
export async function githubProbe(ctx: PlanContext<GithubSettings>): Promise<string> {
  const client = await createGithubClient(ctx);
  try {
    const { core } = await readRateLimit(client);
    const left = core
      ? `${fmt(core.remaining)}/${fmt(core.limit)} core requests left`
      : 'no core limit reported';
    return `GitHub API at ${client.baseUrl}: ${left}`;
  } catch (err) {
    throw toCollectorError(err, `the GitHub API at ${client.baseUrl}`);
  }
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
