/**
 * A realistic dataset of busy repos over the last `days` (default 30), generated from a seed: the same
 * seed gives the same data relative to `now`, so nothing large is committed and its 7-day metrics
 * never go stale. One repo: ~375 PRs, ~600 commits, ~3,700 runs, 150 branches.
 */
import type { FakeBranch, FakeDataset, FakeRepo } from '../dataset';
import { generateCommits } from './commits';
import { generatePulls } from './pulls';
import { DAY, iso, Random } from './random';
import { generateRuns, WORKFLOWS } from './runs';

export interface GenerateOptions {
  readonly seed?: number;
  readonly now?: Date;
  /** Number of repos (`acme/service-01`, …). Default 1. */
  readonly repos?: number;
  readonly days?: number;
  readonly owner?: string;
}

export function generateDataset(options: GenerateOptions = {}): FakeDataset {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000;
  const days = options.days ?? 30;
  const repos = Array.from({ length: options.repos ?? 1 }, (_, i) =>
    generateRepo(new Random((options.seed ?? 1) * 7919 + i), now, days, options.owner ?? 'acme', i),
  );
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
