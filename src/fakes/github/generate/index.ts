/**
 * A realistic dataset of busy repos over the last `days` (default 30), generated from a seed: the same
 * seed gives the same data relative to `now`, so nothing large is committed and its 7-day metrics
 * never go stale. One repo: ~375 PRs, ~600 commits, ~3,700 runs, 150 branches.
 *
 * `quietRepos` adds an organization's long tail after the busy repos: repos with a handful of PRs,
 * commits and runs over `quietDays` (default 365), most untouched for weeks (see quiet.ts).
 */
import type { FakeBranch, FakeDataset, FakeRepo } from '../dataset';
import { generateCommits } from './commits';
import { generatePulls } from './pulls';
import { generateQuietRepo } from './quiet';
import { DAY, iso, Random } from './random';
import { generateRuns, WORKFLOWS } from './runs';

export interface GenerateOptions {
  readonly seed?: number;
  readonly now?: Date;
  /** Number of repos (`acme/service-01`, …). Default 1. */
  readonly repos?: number;
  readonly days?: number;
  readonly owner?: string;
  /** Quiet repos after the busy ones (`acme/quiet-001`, …). Default 0. */
  readonly quietRepos?: number;
  /** The history of a quiet repo, in days. Default 365. */
  readonly quietDays?: number;
}

export function generateDataset(options: GenerateOptions = {}): FakeDataset {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000;
  const days = options.days ?? 30;
  const seed = options.seed ?? 1;
  const owner = options.owner ?? 'acme';
  const busy = options.repos ?? 1;
  const repos = Array.from({ length: busy }, (_, i) =>
    generateRepo(new Random(seed * 7919 + i), now, days, owner, i),
  );
  const quiet = options.quietRepos ?? 0;
  const digits = Math.max(3, String(quiet).length);
  for (let j = 0; j < quiet; j++) {
    repos.push(
      generateQuietRepo(new Random(seed * 104_729 + 500_000 + j), {
        owner,
        name: `quiet-${String(j + 1).padStart(digits, '0')}`,
        now,
        days: options.quietDays ?? 365,
        // Run ids follow the busy repos' ((index + 1) × 1,000,000 + …).
        idBase: (busy + j + 1) * 1_000_000,
      }),
    );
  }
  return { anchor: iso(now), repos };
}

function generateRepo(rng: Random, now: number, days: number, owner: string, index: number): FakeRepo {
  const commits = generateCommits(rng, now, days);
  return {
    owner,
    name: `service-${String(index + 1).padStart(2, '0')}`,
    pulls: generatePulls(rng, now, days),
    commits,
    workflows: WORKFLOWS,
    runs: generateRuns(rng, now, days, (index + 1) * 1_000_000),
    branches: branches(rng, now, commits[0]?.committedAt ?? iso(now)),
  };
}

/** main at the newest commit, and 150 branches whose heads range from today to over a year old. */
function branches(rng: Random, now: number, mainHead: string): FakeBranch[] {
  const list: FakeBranch[] = [{ name: 'main', committedAt: mainHead }];
  for (let i = 0; i < 150; i++) {
    const age = rng.chance(0.4) ? rng.next() * 30 : rng.next() * 400;
    list.push({ name: `feature/${i + 1}`, committedAt: iso(now - age * DAY) });
  }
  return list;
}
