/**
 * The organization metrics (`github.org.…`, ../README.md "Organization metrics"): each statistic of
 * a group over the union of the samples of every repository of the organization in the cycle,
 * computed as the per-repository one is (same statistics, same units), never from per-repository
 * values.
 */
import type { Point } from '../../../catalog/model';
import { mean, median, percent, percentile, ratio } from '../../kit/statistics';
import { HOUR_MS } from '../../kit/window';
import type { Rollup, RollupInput, Sample } from '../../types';
import { points } from '../points';
import type { CiSample, CommitsSample, PullsSample } from './samples';

const MINUTE_MS = 60_000;

export const githubRollup: Rollup = {
  compute({ group, samples }: RollupInput): Point[] {
    switch (group) {
      case 'pulls':
        return orgPulls(samples.map(asPulls));
      case 'commits':
        return orgCommits(samples.map(asCommits));
      case 'ci':
        return orgCi(samples.map(asCi));
      default:
        return [];
    }
  },
};

export function orgPulls(samples: readonly PullsSample[]): Point[] {
  const hours = (s: number) => (s * 1000) / HOUR_MS;
  const toMerge = samples.flatMap((s) => s.merge_s).map(hours);
  const firstReview = samples.flatMap((s) => s.first_review_s).map(hours);
  const comments = samples.reduce((n, s) => n + s.comments, 0);
  return points({
    'github.org.prs.avg_time_to_merge_hours': mean(toMerge),
    'github.org.prs.cycle_time_hours': median(toMerge),
    'github.org.prs.time_to_merge_p90_hours': percentile(toMerge, 90),
    'github.org.prs.with_review_comments_pct': percent(firstReview.length, toMerge.length),
    'github.org.prs.avg_comments_per_pr': ratio(comments, toMerge.length),
    'github.org.reviews.time_to_first_review_hours': median(firstReview),
  });
}

export function orgCommits(samples: readonly CommitsSample[]): Point[] {
  const developers = new Set(samples.flatMap((s) => s.developers));
  const commits = samples.reduce((n, s) => n + s.commits, 0);
  return points({
    'github.org.developers.active_7d': developers.size,
    'github.org.commits.per_developer_7d': ratio(commits, developers.size),
  });
}

export function orgCi(samples: readonly CiSample[]): Point[] {
  const minutes = samples.flatMap((s) => s.duration_s).map((s) => (s * 1000) / MINUTE_MS);
  const judged = samples.reduce((n, s) => n + s.judged, 0);
  const succeeded = samples.reduce((n, s) => n + s.succeeded, 0);
  return points({
    'github.org.ci.success_rate_7d': percent(succeeded, judged),
    'github.org.ci.avg_workflow_duration_minutes': mean(minutes),
    'github.org.ci.duration_p50_minutes': percentile(minutes, 50),
    'github.org.ci.duration_p90_minutes': percentile(minutes, 90),
    'github.org.ci.duration_p99_minutes': percentile(minutes, 99),
  });
}

// Samples come back from the workflow history: one of another shape (a worker of another version)
// is refused, never read as zeros.
const numbers = (v: unknown): v is readonly number[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
const strings = (v: unknown): v is readonly string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');
const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function refuse(group: string, sample: Sample): never {
  throw new Error(`github: a ${group} sample of another shape (${Object.keys(sample).join(', ')})`);
}

function asPulls(s: Sample): PullsSample {
  if (numbers(s.merge_s) && numbers(s.first_review_s) && count(s.comments)) {
    return { merge_s: s.merge_s, first_review_s: s.first_review_s, comments: s.comments };
  }
  return refuse('pulls', s);
}

function asCommits(s: Sample): CommitsSample {
  if (count(s.commits) && strings(s.developers)) return { commits: s.commits, developers: s.developers };
  return refuse('commits', s);
}

function asCi(s: Sample): CiSample {
  if (numbers(s.duration_s) && count(s.judged) && count(s.succeeded)) {
    return { duration_s: s.duration_s, judged: s.judged, succeeded: s.succeeded };
  }
  return refuse('ci', s);
}
