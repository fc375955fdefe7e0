/**
 * The baseline of the request counts: the least number of pages the data of one repo needs in one
 * cycle, computed from the dataset alone (never from what the collector did).
 *
 * A *listing* is one collection the metrics need, read in pages of up to 100 items (GitHub's
 * maximum for every listing used here, REST and GraphQL; a commit's file list pages by 300):
 *
 * | listing          | group    | items                                                          |
 * |------------------|----------|----------------------------------------------------------------|
 * | `pulls.open`     | pulls    | PRs open now (the list has no date filter)                     |
 * | `pulls.closed`   | pulls    | closed or merged PRs updated after the window start            |
 * | `pulls.comments` | pulls    | comment counts of the PRs merged in W, bots' PRs left out      |
 * | `commits`        | commits  | default-branch commits with committer date in W                |
 * | `files:<sha>`    | commits  | the files of each commit in W whose GraphQL count is null      |
 * | `runs`           | ci       | Actions runs created in W (every workflow, branch and event)   |
 * | `older:<spec>`   | ci       | for a configured workflow without a judged run on the default  |
 * |                  |          | branch in W: its older runs down to the newest judged one      |
 * | `branches`       | branches | every branch (the default branch included)                     |
 *
 * W is (asOf − 7 d, asOf]. The `api` group reads `GET /rate_limit`, which is free: 0 pages.
 * The repository itself (the `ci` group's `GET /repos/{o}/{r}`, for the default branch's name) is no
 * listing of its own: an ideal client gets that one field along with any GraphQL listing (the
 * branches query already asks for `defaultBranchRef`).
 *
 * Cold (no previous cycle): each listing costs ⌈items / page size⌉ pages, at least 1 for a listing
 * that must be asked to learn it is empty (all but `pulls.comments`, whose PRs the PR lists name, so
 * none merged means no query).
 *
 * Warm (a previous cycle at `prev.asOf` over `prev` data): a listing costs 0 pages when it is
 * unchanged, else all its pages again (⌈items / 100⌉: in one newest-first listing a new item shifts
 * every page boundary, so no page of it can be answered from a cache). *Unchanged* means both:
 *   1. every item it lists now was listed, identical (all its fields), by the previous cycle —
 *      nothing new or modified; and
 *   2. every item the previous data would list under the current window is still listed — nothing
 *      removed, except items that merely aged out of W, which a client drops without asking.
 * So a cycle 15 minutes later over the same data needs 0 pages, and any change to a listing costs
 * that whole listing. The collector can beat a changed listing's baseline (its runs are listed in
 * clock-aligned blocks whose unchanged pages are free 304s), but never an unchanged one's 0: GraphQL
 * has no conditional requests, so its listings cost their pages every cycle.
 */
import { GROUPS, type GroupName } from '../../src/collectors/github/catalog';
import type { FakeDataset, FakePull, FakeRepo, FakeRun } from '../../src/fakes/github';
import { isBotLogin } from '../../src/fakes/github/dataset';

const DAY_MS = 86_400_000;
const WINDOW_MS = 7 * DAY_MS;
const PAGE = 100;
const FILES_PAGE = 300;
/** GitHub lists at most this many files of a commit. */
const MAX_FILES = 3000;

export interface ListingPages {
  /** `runs`, `files:<sha>`, … (see the table above). */
  readonly key: string;
  readonly group: GroupName;
  readonly items: number;
  /** Items new, modified or removed since the previous cycle (undefined when cold). */
  readonly changed?: number;
  readonly pages: number;
}

export interface RepoBaseline {
  /** `owner/name`, lower-case (the collector's target id). */
  readonly repo: string;
  readonly listings: readonly ListingPages[];
  readonly pages: number;
  readonly byGroup: Record<GroupName, number>;
}

export interface Workflows {
  readonly testWorkflows: readonly string[];
  readonly benchmarkWorkflows: readonly string[];
}

interface Listing {
  readonly key: string;
  readonly group: GroupName;
  /** Item id → the item's content (JSON of the dataset record). */
  readonly items: ReadonlyMap<string, string>;
  readonly pageSize: number;
  /** 1 when an empty listing must still be asked once. */
  readonly minPages: 0 | 1;
}

/** The least pages of every repo of `current` at `asOf`, after a cycle at `prev.asOf` over `prev.data` if any. */
export function leastPages(
  current: FakeDataset,
  asOf: Date,
  workflows: Workflows,
  prev?: { readonly data: FakeDataset; readonly asOf: Date },
): RepoBaseline[] {
  return current.repos.map((repo) => {
    const now = listingsOf(current, repo, asOf, workflows);
    const before = prev && previousRepo(prev.data, repo);
    // What the previous cycle read, and what the previous data would list under the current window.
    const read = before && byKey(listingsOf(prev.data, before, prev.asOf, workflows));
    const wouldList = before && byKey(listingsOf(prev.data, before, asOf, workflows));
    const listings = now.map((l): ListingPages => {
      const pages = Math.max(l.minPages, Math.ceil(l.items.size / l.pageSize));
      if (!prev) return { key: l.key, group: l.group, items: l.items.size, pages };
      const changed = changedItems(l, read?.get(l.key), wouldList?.get(l.key));
      return { key: l.key, group: l.group, items: l.items.size, changed, pages: changed ? pages : 0 };
    });
    const byGroup = Object.fromEntries(GROUPS.map((g) => [g, 0])) as Record<GroupName, number>;
    for (const l of listings) byGroup[l.group] += l.pages;
    return {
      repo: `${repo.owner}/${repo.name}`.toLowerCase(),
      listings,
      pages: listings.reduce((sum, l) => sum + l.pages, 0),
      byGroup,
    };
  });
}

/** Items listed now that the previous cycle did not read identically, plus items gone for another reason than age. */
function changedItems(now: Listing, read: Listing | undefined, wouldList: Listing | undefined): number {
  let changed = 0;
  for (const [id, content] of now.items) if (read?.items.get(id) !== content) changed++;
  for (const id of wouldList?.items.keys() ?? []) if (!now.items.has(id)) changed++;
  return changed;
}

function previousRepo(data: FakeDataset, repo: FakeRepo): FakeRepo | undefined {
  return data.repos.find((r) => r.owner === repo.owner && r.name === repo.name);
}

function byKey(listings: readonly Listing[]): Map<string, Listing> {
  return new Map(listings.map((l) => [l.key, l]));
}

function listingsOf(data: FakeDataset, repo: FakeRepo, asOf: Date, workflows: Workflows): Listing[] {
  const end = asOf.getTime();
  const start = end - WINDOW_MS;
  const inW = (iso: string | null | undefined) => {
    if (!iso) return false;
    const t = Date.parse(iso);
    return t > start && t <= end;
  };
  const pulls = repo.pulls ?? [];
  // The collector leaves bots' PRs out of every PR metric; a deleted author ("ghost") is no bot.
  const human = (p: FakePull) => p.author === null || !isBotLogin(data, p.author);
  const commitsInW = (repo.commits ?? []).filter((c) => inW(c.committedAt));
  const runs = repo.runs ?? [];
  const runsInW = runs.filter((r) => inW(r.createdAt));
  const listings: Listing[] = [
    listing(
      'pulls.open',
      'pulls',
      pulls.filter((p) => !p.closedAt),
      prNumber,
      1,
    ),
    listing(
      'pulls.closed',
      'pulls',
      pulls.filter((p) => p.closedAt && Date.parse(p.updatedAt) > start),
      prNumber,
      1,
    ),
    listing(
      'pulls.comments',
      'pulls',
      pulls.filter((p) => human(p) && inW(p.mergedAt)),
      prNumber,
      0,
    ),
    listing('commits', 'commits', commitsInW, (c) => c.sha, 1),
    ...commitsInW
      .filter((c) => c.filesUnavailable)
      .map((c): Listing => {
        const files = Array.from({ length: Math.min(c.files, MAX_FILES) }, (_, i) => `${c.sha}:${i}`);
        return {
          key: `files:${c.sha}`,
          group: 'commits',
          items: new Map(files.map((f) => [f, f])),
          pageSize: FILES_PAGE,
          minPages: 1,
        };
      }),
    listing('runs', 'ci', runsInW, (r) => String(r.id), 1),
    ...olderRunListings(repo, runs, runsInW, asOf, start, workflows),
    listing('branches', 'branches', branchesOf(repo), (b) => b.name, 1),
  ];
  return listings;
}

function listing<T>(
  key: string,
  group: GroupName,
  items: readonly T[],
  id: (item: T) => string,
  minPages: 0 | 1,
): Listing {
  return {
    key,
    group,
    items: new Map(items.map((i) => [id(i), JSON.stringify(i)])),
    pageSize: PAGE,
    minPages,
  };
}

const prNumber = (p: FakePull) => String(p.number);

/**
 * `tests_passing_on_main` / `benchmarks_passing` need each configured workflow's latest judged run
 * on the default branch (completed by asOf, not cancelled or skipped). When W holds none, that
 * workflow's runs on the default branch created before W are needed, newest first, down to the first
 * judged one. (The busy repos always have one in W: these listings stay absent.)
 */
function olderRunListings(
  repo: FakeRepo,
  runs: readonly FakeRun[],
  runsInW: readonly FakeRun[],
  asOf: Date,
  start: number,
  workflows: Workflows,
): Listing[] {
  const main = repo.defaultBranch ?? 'main';
  const end = asOf.getTime();
  const judged = (r: FakeRun) =>
    r.status === 'completed' &&
    Date.parse(r.updatedAt) <= end &&
    r.conclusion !== 'cancelled' &&
    r.conclusion !== 'skipped';
  const listings: Listing[] = [];
  for (const spec of [...workflows.testWorkflows, ...workflows.benchmarkWorkflows]) {
    const ofSpec = (r: FakeRun) => r.branch === main && matches(repo, r, spec);
    if (runsInW.some((r) => ofSpec(r) && judged(r))) continue;
    const older = runs
      .filter((r) => ofSpec(r) && Date.parse(r.createdAt) <= start)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
    const newestJudged = older.findIndex(judged);
    const needed = newestJudged < 0 ? older : older.slice(0, newestJudged + 1);
    listings.push(listing(`older:${spec}`, 'ci', needed, (r) => String(r.id), 1));
  }
  return listings;
}

/** A workflow named in the settings: by name, or by file name when it ends in .yml/.yaml (case-insensitive). */
function matches(repo: FakeRepo, run: FakeRun, spec: string): boolean {
  const workflow = repo.workflows?.find((w) => w.id === run.workflowId);
  if (!workflow) return false;
  const s = spec.toLowerCase();
  if (!/\.ya?ml$/.test(s)) return workflow.name.toLowerCase() === s;
  const path = workflow.path.toLowerCase();
  return path === s || path.endsWith(`/${s}`);
}

/** As the fake serves them: the listed branches, the default branch added when missing. */
function branchesOf(repo: FakeRepo) {
  const listed = [...(repo.branches ?? [])];
  const main = repo.defaultBranch ?? 'main';
  if (!listed.some((b) => b.name === main)) {
    const newest = [...(repo.commits ?? [])].sort((a, b) => b.committedAt.localeCompare(a.committedAt))[0];
    listed.unshift({ name: main, committedAt: newest?.committedAt ?? '2020-01-01T00:00:00Z' });
  }
  return listed;
}
