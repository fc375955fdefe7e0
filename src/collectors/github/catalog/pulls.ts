import { metric } from '../../../catalog/declare';
import { NOW, W } from './phrases';

const group = 'pulls';
const MERGED = `over PRs merged ${W} (bot-authored PRs excluded); absent when none was merged`;

export const pullsMetrics = [
  metric({
    name: 'github.prs.open',
    unit: 'count',
    group,
    backfill: true,
    description: `PRs open ${NOW}: created by then and not closed by then.`,
  }),
  metric({
    name: 'github.prs.draft',
    unit: 'count',
    group,
    backfill: false,
    description: `Open draft PRs ${NOW}.`,
  }),
  metric({
    name: 'github.prs.opened_7d',
    unit: 'count',
    group,
    backfill: true,
    description: `PRs created ${W}.`,
  }),
  metric({
    name: 'github.prs.merged_7d',
    unit: 'count',
    group,
    backfill: true,
    description: `PRs whose merged_at is ${W}.`,
  }),
  metric({
    name: 'github.prs.closed_without_merge_7d',
    unit: 'count',
    group,
    backfill: true,
    description: `PRs closed unmerged, closed_at ${W}.`,
  }),
  metric({
    name: 'github.prs.avg_time_to_merge_hours',
    unit: 'hour',
    group,
    backfill: true,
    description: `Mean of merged_at − created_at, in hours, ${MERGED}.`,
  }),
  metric({
    name: 'github.prs.cycle_time_hours',
    unit: 'hour',
    group,
    backfill: true,
    description: `Median of merged_at − created_at, ${MERGED}.`,
  }),
  metric({
    name: 'github.prs.time_to_merge_p90_hours',
    unit: 'hour',
    group,
    backfill: true,
    description: `90th percentile of merged_at − created_at, ${MERGED}.`,
  }),
  metric({
    name: 'github.prs.stale_count_14d',
    unit: 'count',
    group,
    backfill: false,
    description: `Open PRs ${NOW} with no update for 14 days.`,
  }),
  metric({
    name: 'github.prs.awaiting_review',
    unit: 'count',
    group,
    backfill: false,
    description: `Open non-draft PRs ${NOW} without any review by someone other than the author (bots do not count).`,
  }),
  metric({
    name: 'github.prs.with_review_comments_pct',
    unit: 'percent',
    group,
    backfill: true,
    description: `Share (0–100) of PRs merged ${W} with at least one review or review comment by someone other than the author (bots do not count); absent when none was merged.`,
  }),
  metric({
    name: 'github.prs.avg_comments_per_pr',
    unit: 'count',
    group,
    backfill: true,
    description: `Mean of issue comments + review comments made by asOf, ${MERGED}.`,
  }),
  metric({
    name: 'github.reviews.time_to_first_review_hours',
    unit: 'hour',
    group,
    backfill: true,
    description: `Median of (first review by someone other than the author, bots excluded − created_at), in hours, over PRs merged ${W} that had one; absent when none had.`,
  }),
];
