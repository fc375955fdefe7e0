/**
 * Every run created in the window, counted exactly past GitHub's 1,000-result cap.
 *
 * - A repository whose every run fits one page (most of an organization's: a quiet one has a few
 *   dozen a year) is listed whole, with no filter: one URL, a free 304 while no run moves, and every
 *   run the status metrics could need (main-status.ts). One that did not fit is remembered here and
 *   listed by the window from then on.
 * - Otherwise, one listing of the days covering the window comes first: when it fits a page, that is
 *   all. Otherwise the window is listed in aligned blocks, and a block still over the cap is halved
 *   until each part fits.
 *
 * The listing reaches back past the window's start to an aligned time (`listedFrom`): what it holds
 * before the window still counts for the latest run of a workflow, and a listing of what came before
 * it can end there with a URL, and an ETag, that hold all day.
 */
import { BoundedCache } from '../client/caches';
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
  /**
   * Where the listing starts, epoch ms: a UTC day or an aligned block, at or before the window's
   * start; EVERY_RUN when it holds every run of the repository.
   */
  readonly listedFrom: number;
}

/** `listedFrom` of a listing that holds every run of the repository. */
export const EVERY_RUN = 0;

/** Repositories (per credentials) whose runs did not fit one page: listed by the window at once. */
const overAPage = BoundedCache.shared<true>(512 * 1024);

export async function fetchRunsInWindow(
  client: GithubClient,
  repo: RepoRef,
  window: Window,
  heartbeat: () => void,
): Promise<RunListing> {
  const { listed, listedFrom } = await listRuns(client, repo, window, heartbeat);
  return { runs: listed.filter((r) => inWindow(r.created_at, window)), listed, listedFrom };
}

async function listRuns(
  client: GithubClient,
  repo: RepoRef,
  window: Window,
  heartbeat: () => void,
): Promise<Omit<RunListing, 'runs'>> {
  const key = `${client.cacheScope} ${repo.fullName}`;
  if (!overAPage.get(key)) {
    const all = await conditionalGet(client, runsPath(repo), projectRuns);
    heartbeat();
    if (all.value.total <= all.value.runs.length)
      return { listed: unique(all.value.runs), listedFrom: EVERY_RUN };
    overAPage.set(key, true);
  }
  const whole = coveringRange(window);
  const first = await conditionalGet(client, runsPath(repo, whole), projectRuns);
  heartbeat();
  if (first.value.total <= first.value.runs.length) {
    return { listed: unique(first.value.runs), listedFrom: whole.from };
  }
  const ranges = blocks(window, first.value.total);
  const parts = await mapLimit(ranges, CONCURRENCY, (range) => listRange(client, repo, range, heartbeat));
  return { listed: unique(parts.flat()), listedFrom: ranges[0]!.from };
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

/** The runs created in `range`; without one, every run of the repository (newest first). */
function runsPath(repo: RepoRef, range?: CreatedRange): string {
  const query = new URLSearchParams({
    ...(range ? { created: createdQualifier(range) } : {}),
    per_page: '100',
    exclude_pull_requests: 'true',
  });
  return `/repos/${repo.owner}/${repo.name}/actions/runs?${query.toString()}`;
}

function unique(runs: readonly Run[]): Run[] {
  return [...new Map(runs.map((r) => [r.id, r])).values()];
}
