import { inWindow } from '../../kit/window';
import type { GroupRun } from '../group-run';
import { commitsPoints } from './compute';
import { fetchCommits, restChangedFiles } from './fetch';
import { keptOrRead, plannedFingerprint } from '../changes/knowledge';
import type { GithubPoint } from '../points';

/** Group `commits`: one paged history query; REST only for commits whose file count GraphQL lacks. */
export async function collectCommits(unit: GroupRun): Promise<GithubPoint[]> {
  const { client, repo, window, bots, heartbeat } = unit;
  const open = plannedFingerprint(unit) !== undefined;
  const commits = await keptOrRead(unit, () => fetchCommits(client, repo, window, heartbeat, open));
  const restFiles = new Map<string, number>();
  for (const c of commits) {
    if (c.changedFilesIfAvailable !== null || !inWindow(c.committedDate, window)) continue;
    restFiles.set(c.oid, await restChangedFiles(client, repo, c.oid));
    heartbeat();
  }
  const { points, sample } = commitsPoints(commits, restFiles, window, bots);
  unit.ctx.sample(sample);
  return points;
}
