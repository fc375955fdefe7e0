import { gauge, NOW, W } from './define';

const g = 'pulls';
const MERGED = `over PRs merged ${W} (bot-authored PRs excluded); absent when none was merged`;

export const pullsMetrics = [
  gauge(g, 'github.prs.open', 'count', true, `PRs open ${NOW}: created by then and not closed by then.`),
  gauge(g, 'github.prs.draft', 'count', false, `Open draft PRs ${NOW}.`),
  gauge(g, 'github.prs.opened_7d', 'count', true, `PRs created ${W}.`),
  gauge(g, 'github.prs.merged_7d', 'count', true, `PRs whose merged_at is ${W}.`),
  gauge(g, 'github.prs.closed_without_merge_7d', 'count', true, `PRs closed unmerged, closed_at ${W}.`),
  gauge(
    g,
    'github.prs.avg_time_to_merge_hours',
    'hour',
    true,
    `Mean of merged_at − created_at, in hours, ${MERGED}.`,
  ),
  gauge(g, 'github.prs.cycle_time_hours', 'hour', true, `Median of merged_at − created_at, ${MERGED}.`),
  gauge(
    g,
    'github.prs.time_to_merge_p90_hours',
    'hour',
    true,
    `90th percentile of merged_at − created_at, ${MERGED}.`,
  ),
  gauge(g, 'github.prs.stale_count_14d', 'count', false, `Open PRs ${NOW} with no update for 14 days.`),
  gauge(
    g,
    'github.prs.awaiting_review',
    'count',
    false,
    `Open non-draft PRs ${NOW} without any review by someone other than the author (bots do not count).`,
  ),
  gauge(
    g,
    'github.prs.with_review_comments_pct',
    'percent',
    true,
    `Share (0–100) of PRs merged ${W} with at least one review or review comment by someone other than the author (bots do not count); absent when none was merged.`,
  ),
  gauge(
    g,
    'github.prs.avg_comments_per_pr',
    'count',
    true,
    `Mean of issue comments + review comments made by asOf, ${MERGED}.`,
  ),
  gauge(
    g,
    'github.reviews.time_to_first_review_hours',
    'hour',
    true,
    `Median of (first review by someone other than the author, bots excluded − created_at), in hours, over PRs merged ${W} that had one; absent when none had.`,
  ),
];
