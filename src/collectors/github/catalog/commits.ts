import { metric } from '../../../catalog/declare';
import { W } from './phrases';

const group = 'commits';
const OF = `commits on the default branch with committer date ${W}`;

export const commitsMetrics = [
  metric({
    name: 'github.commits.total_7d',
    unit: 'count',
    group,
    backfill: true,
    description: `Number of ${OF} (bots included).`,
  }),
  metric({
    name: 'github.commits.hotfix',
    unit: 'count',
    group,
    backfill: true,
    description: `Of the ${OF}, those whose message contains "hotfix".`,
  }),
  metric({
    name: 'github.commits.reverts',
    unit: 'count',
    group,
    backfill: true,
    description: `Of the ${OF}, those whose message contains "revert".`,
  }),
  metric({
    name: 'github.commits.force_merge_7d',
    unit: 'count',
    group,
    backfill: true,
    description: `Of the ${OF}, those whose message contains "force-merge", "force merge", "force-push" or "force push".`,
  }),
  metric({
    name: 'github.developers.active_7d',
    unit: 'count',
    group,
    backfill: true,
    description: `Distinct authors (GitHub login, else e-mail; bots excluded) of the ${OF}.`,
  }),
  metric({
    name: 'github.commits.per_developer_7d',
    unit: 'count',
    group,
    backfill: true,
    description: `commits.total_7d / developers.active_7d, ${W}; absent when there is no author.`,
  }),
  metric({
    name: 'github.code.lines_added_7d',
    unit: 'line',
    group,
    backfill: true,
    description: `Sum of additions over the ${OF}.`,
  }),
  metric({
    name: 'github.code.lines_deleted_7d',
    unit: 'line',
    group,
    backfill: true,
    description: `Sum of deletions over the ${OF}.`,
  }),
  metric({
    name: 'github.code.files_changed_7d',
    unit: 'file',
    group,
    backfill: true,
    description: `Sum over the ${OF} of the files each changed.`,
  }),
];
