import type { Point } from '../../../catalog/model';
import { inWindow } from '../time';
import type { Unit } from '../unit';
import { commitsPoints } from './compute';
import { fetchCommits, restChangedFiles } from './fetch';

/** Group `commits`: one paged history query; REST only for commits whose file count GraphQL lacks. */
export async function collectCommits(unit: Unit): Promise<Point[]> {
  const { client, repo, window, bots, heartbeat } = unit;
  const commits = await fetchCommits(client, repo, window, heartbeat);
  const restFiles = new Map<string, number>();
  for (const c of commits) {
    if (c.changedFilesIfAvailable !== null || !inWindow(c.committedDate, window)) continue;
    restFiles.set(c.oid, await restChangedFiles(client, repo, c.oid));
    heartbeat();
  }
  return commitsPoints(commits, restFiles, window, bots);
}
