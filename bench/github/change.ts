/**
 * The small change between two warm cycles, as 15 minutes of a busy repo bring it, applied to every
 * repo: a push to main (one commit, which moves the branch head, and the three workflows it
 * triggers), a running run finishing, an older run re-run, and a review on an open PR.
 */
import { createHash } from 'node:crypto';
import type { FakeDataset, FakePull, FakeRepo, FakeRun } from '../../src/fakes/github';

const MINUTE = 60_000;

export const CHANGE_DESCRIPTION =
  'per repo: a push to main (1 commit, new branch head, 3 runs created), ' +
  '1 running run finished, 1 older run re-run, 1 review on an open PR';

/** `data` with the changes of (from, to] applied to every repo; the input is not modified. */
export function changedDataset(data: FakeDataset, from: Date, to: Date): FakeDataset {
  return { ...data, repos: data.repos.map((repo, i) => changedRepo(repo, i, from.getTime(), to.getTime())) };
}

function changedRepo(repo: FakeRepo, index: number, from: number, to: number): FakeRepo {
  const at = (minutes: number) => iso(Math.min(to, from + minutes * MINUTE));
  const main = repo.defaultBranch ?? 'main';
  const sha = createHash('sha1').update(`bench-change ${repo.owner}/${repo.name} ${from}`).digest('hex');
  const pushedAt = at(5);
  const commit = {
    sha,
    message: 'Fix the scheduler',
    author: { name: 'Developer 03', email: 'dev-03@example.com', login: 'dev-03' },
    authoredAt: iso(from + 2 * MINUTE),
    committedAt: pushedAt,
    additions: 12,
    deletions: 4,
    files: 2,
  };

  // Three runs of the push, ids past the generated ones ((index + 1) × 1,000,000 + a few thousand).
  const idBase = (index + 1) * 1_000_000 + 900_000 + (Math.floor(from / MINUTE) % 10_000);
  const started = at(5.5);
  const pushRun = (k: number, workflowId: number): FakeRun => ({
    id: idBase + k,
    workflowId,
    branch: main,
    event: 'push',
    status: 'in_progress',
    conclusion: null,
    createdAt: pushedAt,
    startedAt: started,
    updatedAt: started,
  });
  const lint: FakeRun = { ...pushRun(1, 102), status: 'completed', conclusion: 'success', updatedAt: at(9) };
  const fresh = [pushRun(0, 101), lint, pushRun(2, 103)];

  const runs = [...(repo.runs ?? [])];
  // The newest run still going at `from` finishes.
  const running = newest(runs.filter((r) => r.status !== 'completed'));
  // A completed run of about three hours before is re-run (same id and created time, next attempt).
  const threeHoursAgo = from - 180 * MINUTE;
  const rerun = newest(
    runs.filter((r) => r.status === 'completed' && Date.parse(r.createdAt) < threeHoursAgo),
  );
  const updatedRuns = runs.map((r) => {
    if (r === running)
      return { ...r, status: 'completed' as const, conclusion: 'success', updatedAt: at(10) };
    if (r === rerun) return { ...r, attempt: (r.attempt ?? 1) + 1, conclusion: 'success', updatedAt: at(12) };
    return r;
  });

  // The newest open, non-draft PR gets an approval.
  const pulls = repo.pulls ?? [];
  const reviewed = newestPull(pulls.filter((p) => !p.closedAt && !p.draft && p.author !== 'dev-07'));
  const reviewAt = at(8);
  const updatedPulls = pulls.map((p) =>
    p === reviewed
      ? {
          ...p,
          updatedAt: reviewAt,
          reviews: [...(p.reviews ?? []), { author: 'dev-07', at: reviewAt, state: 'APPROVED' as const }],
        }
      : p,
  );

  const branches = (repo.branches ?? []).map((b) => (b.name === main ? { ...b, committedAt: pushedAt } : b));
  if (!branches.some((b) => b.name === main)) branches.unshift({ name: main, committedAt: pushedAt });
  return {
    ...repo,
    commits: [commit, ...(repo.commits ?? [])],
    runs: [...updatedRuns, ...fresh],
    pulls: updatedPulls,
    branches,
  };
}

function newest(runs: readonly FakeRun[]): FakeRun | undefined {
  return [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)[0];
}

function newestPull(pulls: readonly FakePull[]): FakePull | undefined {
  return [...pulls].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
