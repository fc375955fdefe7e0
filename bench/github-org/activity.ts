/**
 * What 15 minutes bring to the organization between two slots: every busy repo gets the github
 * bench's small change (a push to main with its three runs, a running run finishing, a re-run, a
 * review; bench/github/change.ts) and a new PR with its runs; a few quiet repos, drawn from the seed
 * and the slot, get either a push to main or a new PR, with their runs. Nothing else moves.
 */
import { createHash } from 'node:crypto';
import type { FakeDataset, FakePull, FakeRepo, FakeRun } from '../../src/fakes/github';
import { Random } from '../../src/fakes/github/generate/random';
import { changedDataset } from '../github/change';

/** Quiet repos touched in each slot. */
export const QUIET_TOUCHED_PER_SLOT = 3;

const MINUTE = 60_000;

export interface SlotActivity {
  /** Repos that changed, `owner/name`. */
  readonly repos: readonly string[];
  readonly commits: number;
  readonly pulls: number;
  readonly runs: number;
}

export function advanceOrg(
  data: FakeDataset,
  opts: { busy: number; seed: number; slot: number; from: Date; to: Date },
): { data: FakeDataset; activity: SlotActivity } {
  const from = opts.from.getTime();
  const to = opts.to.getTime();
  const busy = changedDataset({ ...data, repos: data.repos.slice(0, opts.busy) }, opts.from, opts.to).repos;
  const repos = [...busy, ...data.repos.slice(opts.busy)];
  let commits = busy.length;
  let pulls = 0;
  let runs = busy.length * 3;
  const touched = new Set<number>(busy.map((_, i) => i));
  const at = (minutes: number) => Math.min(to, from + minutes * MINUTE);
  const idBase = (i: number) => (i + 1) * 1_000_000 + 950_000 + (opts.slot % 1000) * 10;

  for (let i = 0; i < opts.busy; i++) {
    repos[i] = openPull(repos[i]!, at(7), idBase(i));
    pulls++;
    runs += 3;
  }
  const quiet = repos.length - opts.busy;
  const rng = new Random(opts.seed * 7_919 + opts.slot * 104_729 + 17);
  const picks = new Set<number>();
  while (picks.size < Math.min(QUIET_TOUCHED_PER_SLOT, quiet)) picks.add(opts.busy + rng.int(0, quiet - 1));
  for (const i of picks) {
    const minute = rng.int(1, 13);
    if (rng.chance(0.5)) {
      repos[i] = push(repos[i]!, at(minute), at(minute + 1), idBase(i));
      commits++;
    } else {
      repos[i] = openPull(repos[i]!, at(minute), idBase(i));
      pulls++;
    }
    runs += 3;
    touched.add(i);
  }
  return {
    data: { ...data, repos },
    activity: {
      repos: [...touched].sort((a, b) => a - b).map((i) => `${repos[i]!.owner}/${repos[i]!.name}`),
      commits,
      pulls,
      runs,
    },
  };
}

/** A push to the default branch at `at`: one commit, the branch head, and a run of each workflow, finished by `done`. */
function push(repo: FakeRepo, at: number, done: number, idBase: number): FakeRepo {
  const main = repo.defaultBranch ?? 'main';
  const sha = createHash('sha1').update(`org-activity ${repo.owner}/${repo.name} ${at}`).digest('hex');
  const commit = {
    sha,
    message: 'Update dependencies',
    author: { name: 'Developer 05', email: 'dev-05@example.com', login: 'dev-05' },
    authoredAt: iso(at - 10 * MINUTE),
    committedAt: iso(at),
    additions: 20,
    deletions: 8,
    files: 3,
  };
  const branches = (repo.branches ?? []).map((b) => (b.name === main ? { ...b, committedAt: iso(at) } : b));
  return {
    ...repo,
    commits: [commit, ...(repo.commits ?? [])],
    runs: [...(repo.runs ?? []), ...workflowRuns(repo, main, 'push', at, done, idBase)],
    branches,
  };
}

/** A new PR by dev-11 opened at `at`, its branch, and a run of each workflow on it, still running. */
function openPull(repo: FakeRepo, at: number, idBase: number): FakeRepo {
  const pulls = repo.pulls ?? [];
  const number = Math.max(0, ...pulls.map((p) => p.number)) + 1;
  const pull: FakePull = {
    number,
    author: 'dev-11',
    createdAt: iso(at),
    updatedAt: iso(at),
    draft: false,
    comments: [],
    reviews: [],
  };
  const branch = `feature/pr-${number}`;
  return {
    ...repo,
    pulls: [...pulls, pull],
    runs: [...(repo.runs ?? []), ...workflowRuns(repo, branch, 'pull_request', at, undefined, idBase + 5)],
    branches: [...(repo.branches ?? []), { name: branch, committedAt: iso(at) }],
  };
}

/** One run of each of the repo's first three workflows; concluded successfully at `done` when given. */
function workflowRuns(
  repo: FakeRepo,
  branch: string,
  event: string,
  at: number,
  done: number | undefined,
  idBase: number,
): FakeRun[] {
  return (repo.workflows ?? []).slice(0, 3).map((w, k) => ({
    id: idBase + k,
    workflowId: w.id,
    branch,
    event,
    createdAt: iso(at),
    startedAt: iso(at + 30_000),
    ...(done === undefined
      ? { status: 'in_progress' as const, conclusion: null, updatedAt: iso(at + 30_000) }
      : { status: 'completed' as const, conclusion: 'success', updatedAt: iso(done) }),
  }));
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
