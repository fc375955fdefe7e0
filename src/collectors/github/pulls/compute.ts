/**
 * The `pulls` metrics from the PR lists (../README.md, group `pulls`). PRs authored by bots are left
 * out of every metric; reviews count only when submitted by asOf by someone other than the author
 * who is not a bot.
 */
import { isBotAccount, type BotRules } from '../bots';
import { mean, median, percent, percentile } from '../../kit/statistics';
import { byAsOf, DAY_MS, HOUR_MS, inWindow, type Window } from '../../kit/window';
import type { PullDetails } from './details';
import type { PullLists } from './fetch';
import type { PullRequest } from './query';
import { points, type GithubPoint } from '../points';
import { secondsBetween, type PullsSample } from '../rollup/samples';

export interface PullsInput {
  readonly lists: PullLists;
  /** Comment details of the PRs merged in the window, by PR id. */
  readonly details: ReadonlyMap<string, PullDetails>;
  readonly window: Window;
  readonly bots: BotRules;
}

/** The PRs whose details the comment metrics need: merged in the window, not by bots. */
export function mergedInWindow(lists: PullLists, window: Window, bots: BotRules): PullRequest[] {
  return humanPulls(lists, bots).filter((pr) => inWindow(pr.mergedAt, window));
}

/** The group's points, and its sample for the organization's roll-up (../rollup). */
export function pullsPoints({ lists, details, window, bots }: PullsInput): {
  points: GithubPoint[];
  sample: PullsSample;
} {
  const asOf = window.end;
  const pulls = humanPulls(lists, bots);
  const open = pulls.filter((pr) => byAsOf(pr.createdAt, asOf) && !byAsOf(pr.closedAt, asOf));
  const merged = pulls.filter((pr) => inWindow(pr.mergedAt, window));
  const toMerge = merged.map((pr) => hoursBetween(pr.createdAt, pr.mergedAt!));
  const firstReviews = merged
    .map((pr) => firstReviewByOther(pr, asOf, bots))
    .filter((t): t is string => t !== undefined);
  const staleBefore = asOf.getTime() - 14 * DAY_MS;
  const comments = merged.map((pr) => commentsByAsOf(details.get(pr.id), pr, asOf));
  const sample: PullsSample = {
    merge_s: merged.map((pr) => secondsBetween(pr.createdAt, pr.mergedAt!)),
    first_review_s: merged.flatMap((pr) => {
      const first = firstReviewByOther(pr, asOf, bots);
      return first ? [secondsBetween(pr.createdAt, first)] : [];
    }),
    comments: comments.reduce((sum, n) => sum + n, 0),
  };
  const computed = points({
    'github.prs.open': open.length,
    'github.prs.draft': open.filter((pr) => pr.isDraft).length,
    'github.prs.opened_7d': pulls.filter((pr) => inWindow(pr.createdAt, window)).length,
    'github.prs.merged_7d': merged.length,
    'github.prs.closed_without_merge_7d': pulls.filter((pr) => !pr.mergedAt && inWindow(pr.closedAt, window))
      .length,
    'github.prs.avg_time_to_merge_hours': mean(toMerge),
    'github.prs.cycle_time_hours': median(toMerge),
    'github.prs.time_to_merge_p90_hours': percentile(toMerge, 90),
    'github.prs.stale_count_14d': open.filter((pr) => Date.parse(pr.updatedAt) <= staleBefore).length,
    'github.prs.awaiting_review': open.filter((pr) => !pr.isDraft && !firstReviewByOther(pr, asOf, bots))
      .length,
    'github.prs.with_review_comments_pct': percent(firstReviews.length, merged.length),
    'github.prs.avg_comments_per_pr': mean(comments),
    'github.reviews.time_to_first_review_hours': median(
      merged.flatMap((pr) => {
        const first = firstReviewByOther(pr, asOf, bots);
        return first ? [hoursBetween(pr.createdAt, first)] : [];
      }),
    ),
  });
  return { points: computed, sample };
}

/** Open and closed lists merged (a PR that changed state between pages appears once), bots left out. */
function humanPulls(lists: PullLists, bots: BotRules): PullRequest[] {
  const byId = new Map<string, PullRequest>();
  for (const pr of [...lists.open, ...lists.closed]) byId.set(pr.id, pr);
  return [...byId.values()].filter((pr) => !isBotAccount(pr.author, bots));
}

function hoursBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / HOUR_MS;
}

/** Time of the first review submitted by asOf by someone other than the author, bots excluded. */
export function firstReviewByOther(pr: PullRequest, asOf: Date, bots: BotRules): string | undefined {
  const author = pr.author?.login.toLowerCase();
  const times = (pr.reviews?.nodes ?? [])
    .filter((r) => r.state !== 'PENDING' && byAsOf(r.submittedAt, asOf))
    .filter((r) => !isBotAccount(r.author, bots) && r.author?.login.toLowerCase() !== author)
    .map((r) => r.submittedAt!)
    .sort();
  return times[0];
}

/** Issue comments and review comments made by asOf. */
function commentsByAsOf(details: PullDetails | undefined, pr: PullRequest, asOf: Date): number {
  if (!details) throw new Error(`comment details of PR #${pr.number} are missing`);
  const issue = details.commentTimes.filter((t) => byAsOf(t, asOf)).length + details.extraComments;
  const review = details.reviews
    .filter((r) => byAsOf(r.submittedAt, asOf))
    .reduce((sum, r) => sum + r.comments, 0);
  return issue + review;
}
