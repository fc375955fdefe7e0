/**
 * One unit: a fresh client for the group × repo, the group's computation, errors mapped to the
 * engine's kinds with the repo named, and the unit's rate-limit spending logged.
 */
import { PermanentError } from '../../errors';
import type { CollectContext } from '../types';
import { collectApi } from './api/rate-limit';
import { collectBranches } from './branches';
import type { GroupName } from './catalog';
import { collectCi } from './ci';
import { createGithubClient } from './client/create';
import { toCollectorError } from './client/errors';
import { RESOURCES, totalRequests, type RequestUsage } from './client/usage';
import { collectCommits } from './commits';
import { collectPulls } from './pulls';
import { parseRepo } from './repo';
import { activityOf, noteUnitCost } from './budget/costs';
import { plannedFingerprint } from './changes/knowledge';
import type { GithubSettings } from './settings';
import { groupRunOf, type GroupRun } from './group-run';
import { point, type GithubPoint } from './points';

const GROUP_COLLECTORS: Record<GroupName, (unit: GroupRun) => Promise<GithubPoint[]>> = {
  pulls: collectPulls,
  commits: collectCommits,
  ci: collectCi,
  branches: collectBranches,
  api: collectApi,
};

export async function collectGithub(ctx: CollectContext<GithubSettings>): Promise<GithubPoint[]> {
  const run = GROUP_COLLECTORS[ctx.group as GroupName] as
    ((unit: GroupRun) => Promise<GithubPoint[]>) | undefined;
  if (!run)
    throw new PermanentError(`github has no group "${ctx.group}"`, 'use pulls, commits, ci, branches or api');
  const repo = parseRepo(ctx.target.id);
  const client = await createGithubClient(ctx);
  const started = Date.now();
  const unit = groupRunOf(ctx, client, repo);
  try {
    const points = await run(unit);
    // What this unit spent, tagged by the engine with its group: a query sums the cycle's units.
    return [...points, ...requestPoints(client.usage)];
  } catch (err) {
    throw toCollectorError(err, `repository ${repo.fullName}`, { group: ctx.group });
  } finally {
    const fingerprint = plannedFingerprint(unit);
    noteUnitCost(
      client.cacheScope,
      repo.fullName,
      ctx.group,
      { core: client.usage.requests.core, graphql: client.usage.points },
      Date.now(),
      // Only a fingerprinted (live) read classes the repo as the planner will.
      fingerprint ? activityOf(fingerprint, unit.window.start.getTime()) : undefined,
    );
    ctx.log.info('github requests', {
      requests: totalRequests(client.usage),
      byResource: client.usage.requests,
      notModified: client.usage.notModified,
      points: client.usage.points,
      remaining: client.usage.remaining,
      ms: Date.now() - started,
    });
  }
}

function requestPoints(usage: RequestUsage): GithubPoint[] {
  return RESOURCES.map((resource) => point('github.api.requests', usage.requests[resource], { resource }));
}
