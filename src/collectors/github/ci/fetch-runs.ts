/**
 * Every run created in the window, counted exactly past GitHub's 1,000-result cap. One listing of the
 * days covering the window comes first: when it fits a page, that is all. Otherwise the window is
 * listed in aligned blocks, and a block still over the cap is halved until each part fits.
 *
 * The listing reaches back past the window's start to an aligned time (`listedFrom`): what it holds
 * before the window still counts for the latest run of a workflow (main-status.ts), and a listing of
 * what came before it can end there with a URL, and an ETag, that hold all day.
 */
import type { GithubClient } from '../client/create';
import { mapLimit } from '../../../util/map-limit';
import { conditionalGet, pages } from '../client/rest';
import type { RepoRef } from '../repo';
import { inWindow, type Window } from '../../kit/window';
import { blocks, coveringRange, createdQualifier, halves, type CreatedRange } from './ranges';
import { projectRuns, type Run } from './runs';

/** GitHub's cap on a filtered run listing. */
export const LISTING_CAP = 1000;
/** Listings in flight per unit: GitHub's secondary limit is 100 concurrent requests per token. */
const CONCURRENCY = 4;

export interface RunListing {
  /** The runs created in the window. */
  readonly runs: Run[];
  /** Every run listed: created from `listedFrom` on, the window's among them. */
  readonly listed: Run[];
  /** Where the listing starts, epoch ms: a UTC day or an aligned block, at or before the window's start. */
  readonly listedFrom: number;
}

export async function fetchRunsInWindow(
  client: GithubClient,
  repo: RepoRef,
  window: Window,
  heartbeat: () => void,
): Promise<RunListing> {
  const whole = coveringRange(window);
  const first = await conditionalGet(client, runsPath(repo, whole), projectRuns);
  heartbeat();
  let listed: Run[];
  let listedFrom = whole.from;
  if (first.value.total <= first.value.runs.length) listed = unique(first.value.runs);
  else {
    const ranges = blocks(window, first.value.total);
    listedFrom = ranges[0]!.from;
    const parts = await mapLimit(ranges, CONCURRENCY, (range) => listRange(client, repo, range, heartbeat));
    listed = unique(parts.flat());
  }
  return { runs: listed.filter((r) => inWindow(r.created_at, window)), listed, listedFrom };
}

/** All runs created in `range`, halving it while it holds more than the cap. */
async function listRange(
  client: GithubClient,
  repo: RepoRef,
  range: CreatedRange,
  heartbeat: () => void,
): Promise<Run[]> {
  const runs: Run[] = [];
  let total: number | undefined;
  for await (const page of pages(client, runsPath(repo, range), projectRuns)) {
    heartbeat();
    total ??= page.value.total;
    if (total > LISTING_CAP) return splitRange(client, repo, range, total, heartbeat);
    runs.push(...page.value.runs);
  }
  const found = unique(runs);
  // Runs deleted or added while paging shift the pages: a retry reads a consistent listing.
  if (total !== undefined && found.length < total) {
    throw new Error(`run listing of ${repo.fullName} changed while paging (${found.length} of ${total})`);
  }
  return found;
}

async function splitRange(
  client: GithubClient,
  repo: RepoRef,
  range: CreatedRange,
  total: number,
  heartbeat: () => void,
): Promise<Run[]> {
  const parts = halves(range);
  if (!parts) {
    throw new Error(
      `${repo.fullName} has ${total} runs created in one second (${createdQualifier(range)}): cannot list them all`,
    );
  }
  const [a, b] = parts;
  return [...(await listRange(client, repo, a, heartbeat)), ...(await listRange(client, repo, b, heartbeat))];
}

function runsPath(repo: RepoRef, range: CreatedRange): string {
  const query = new URLSearchParams({
    created: createdQualifier(range),
    per_page: '100',
    exclude_pull_requests: 'true',
  });
  return `/repos/${repo.owner}/${repo.name}/actions/runs?${query.toString()}`;
}

function unique(runs: readonly Run[]): Run[] {
  return [...new Map(runs.map((r) => [r.id, r])).values()];
}
