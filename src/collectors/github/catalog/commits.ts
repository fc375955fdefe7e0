import { gauge, W } from './define';

const g = 'commits';
const OF = `commits on the default branch with committer date ${W}`;

export const commitsMetrics = [
  gauge(g, 'github.commits.total_7d', 'count', true, `Number of ${OF} (bots included).`),
  gauge(g, 'github.commits.hotfix', 'count', true, `Of the ${OF}, those whose message contains "hotfix".`),
  gauge(g, 'github.commits.reverts', 'count', true, `Of the ${OF}, those whose message contains "revert".`),
  gauge(
    g,
    'github.commits.force_merge_7d',
    'count',
    true,
    `Of the ${OF}, those whose message contains "force-merge", "force merge", "force-push" or "force push".`,
  ),
  gauge(
    g,
    'github.developers.active_7d',
    'count',
    true,
    `Distinct authors (GitHub login, else e-mail; bots excluded) of the ${OF}.`,
  ),
  gauge(
    g,
    'github.commits.per_developer_7d',
    'count',
    true,
    `commits.total_7d / developers.active_7d, ${W}; absent when there is no author.`,
  ),
  gauge(g, 'github.code.lines_added_7d', 'line', true, `Sum of additions over the ${OF}.`),
  gauge(g, 'github.code.lines_deleted_7d', 'line', true, `Sum of deletions over the ${OF}.`),
  gauge(g, 'github.code.files_changed_7d', 'file', true, `Sum over the ${OF} of the files each changed.`),
];
