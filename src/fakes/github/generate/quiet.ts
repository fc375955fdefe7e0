/**
 * A quiet repo, as most of an organization's are: a handful of commits and PRs spread over `days`
 * (a year by default), each push to main and each PR running Tests, Lint and Build once, a few
 * branches. Most were last touched weeks or months ago; about one in six within the last week.
 */
import type { FakeBranch, FakeCommit, FakePull, FakeRepo, FakeRun } from '../dataset';
import { generateCommits } from './commits';
import { author, DEVELOPERS } from './people';
import { DAY, HOUR, iso, type Random } from './random';
import { generateRun, WORKFLOWS } from './runs';

/** The workflows of a quiet repo: on every push to main and every PR, nothing scheduled. */
export const QUIET_WORKFLOWS = WORKFLOWS.filter((w) => [101, 102, 103].includes(w.id));

export interface QuietRepoSpec {
  readonly owner: string;
  readonly name: string;
  readonly now: number;
  readonly days: number;
  /** The first run id; the repo's runs take the ids after it. */
  readonly idBase: number;
}

export function generateQuietRepo(rng: Random, spec: QuietRepoSpec): FakeRepo {
  const { now, days } = spec;
  const idle = idleDays(rng, days);
  const lastTouched = now - idle * DAY;
  const span = days - idle;
  const commitCount = rng.int(3, 25);
  const commits = lastCommitAt(generateCommits(rng, lastTouched, span, commitCount / span), lastTouched);
  const pulls = quietPulls(rng, now, lastTouched, span);

  const runs: FakeRun[] = [];
  const trigger = (branch: string, event: string, created: number) => {
    for (const w of QUIET_WORKFLOWS) {
      const at = created + rng.int(0, 5) * 1000;
      runs.push(generateRun(rng, now, spec.idBase + runs.length, w.id, branch, event, at));
    }
  };
  for (const c of commits) trigger('main', 'push', Date.parse(c.committedAt));
  for (const p of pulls) trigger(`feature/${p.number}`, 'pull_request', Date.parse(p.createdAt));
  runs.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);

  return {
    owner: spec.owner,
    name: spec.name,
    pulls,
    commits,
    workflows: QUIET_WORKFLOWS,
    runs,
    branches: quietBranches(commits, pulls),
  };
}

/** The commits with the newest moved to `at` (its author date with it): the repo was last touched then. */
function lastCommitAt(commits: FakeCommit[], at: number): FakeCommit[] {
  const [newest, ...rest] = commits;
  if (!newest) return commits;
  const shift = at - Date.parse(newest.committedAt);
  const moved = {
    ...newest,
    authoredAt: iso(Date.parse(newest.authoredAt) + shift),
    committedAt: iso(at),
  };
  return [moved, ...rest];
}

/** Days since the repo was last touched: within the week for about one in six, weeks to months for the rest. */
function idleDays(rng: Random, days: number): number {
  const bucket = rng.weighted({ week: 15, month: 20, older: 65 });
  const idle =
    bucket === 'week' ? rng.next() * 7 : bucket === 'month' ? 7 + rng.next() * 23 : 30 + rng.next() * 300;
  return Math.min(idle, days - 1);
}

/** One to eight PRs up to `lastTouched`: most merged within a day, some closed, a few left open. */
function quietPulls(rng: Random, now: number, lastTouched: number, span: number): FakePull[] {
  const pulls: FakePull[] = [];
  for (let i = rng.int(1, 8); i > 0; i--) {
    const created = lastTouched - rng.next() * span * DAY;
    const login = author(rng);
    const outcome = rng.weighted({ merged: 80, closed: 12, open: 8 });
    const closed =
      outcome === 'open' ? undefined : Math.min(lastTouched, created + rng.logNormal(6, 1) * HOUR);
    const end = closed ?? created + HOUR;
    const reviewer = rng.pick(DEVELOPERS.filter((d) => d !== login));
    const reviewed = !login.endsWith('[bot]') && rng.chance(0.7);
    pulls.push({
      number: 0,
      author: login,
      createdAt: iso(created),
      updatedAt: iso(Math.min(now, end)),
      ...(closed !== undefined ? { closedAt: iso(closed) } : {}),
      ...(closed !== undefined && outcome === 'merged' ? { mergedAt: iso(closed) } : {}),
      draft: false,
      comments: rng.chance(0.3) ? [{ author: reviewer, at: iso(created + (end - created) / 2) }] : [],
      reviews: reviewed
        ? [{ author: reviewer, at: iso(created + (end - created) / 3), state: 'APPROVED' }]
        : [],
    });
  }
  pulls.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return pulls.map((p, i) => ({ ...p, number: i + 1 }));
}

/** main at the newest commit, and the branch of each PR still open or of the last two, headed at its last update. */
function quietBranches(commits: readonly FakeCommit[], pulls: readonly FakePull[]): FakeBranch[] {
  const kept = pulls.filter((p, i) => !p.closedAt || i >= pulls.length - 2);
  return [
    { name: 'main', committedAt: commits[0]!.committedAt },
    ...kept.map((p) => ({ name: `feature/${p.number}`, committedAt: p.updatedAt })),
  ];
}
