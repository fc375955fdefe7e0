import type { GroupRun } from '../group-run';
import { mergedInWindow, pullsPoints } from './compute';
import { fetchPullDetails } from './details';
import { fetchPullLists } from './fetch';
import { keptOrRead } from '../changes/knowledge';
import type { GithubPoint } from '../points';

/** Group `pulls`: two paged lists, then comment details of the PRs merged in the window. */
export async function collectPulls(unit: GroupRun): Promise<GithubPoint[]> {
  const { client, repo, window, bots, heartbeat } = unit;
  const lists = await keptOrRead(unit, () => fetchPullLists(client, repo, window.start, heartbeat));
  const details = await fetchPullDetails(client, mergedInWindow(lists, window, bots), heartbeat);
  const { points, sample } = pullsPoints({ lists, details, window, bots });
  unit.ctx.sample(sample);
  return points;
}
