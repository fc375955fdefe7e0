import { z } from 'zod';
import { assertCatalog } from '../../../src/catalog/check';
import { UNITS } from '../../../src/catalog/model';
import { githubCollector } from '../../../src/collectors/github';
import { githubCatalog } from '../../../src/collectors/github/catalog';

/** The names dashboards depend on (docs/metrics.md#names), by group, and whether each can be backfilled. */
const CONTRACT: Record<string, Record<string, boolean>> = {
  pulls: {
    'github.prs.open': true,
    'github.prs.draft': false,
    'github.prs.opened_7d': true,
    'github.prs.merged_7d': true,
    'github.prs.closed_without_merge_7d': true,
    'github.prs.avg_time_to_merge_hours': true,
    'github.prs.cycle_time_hours': true,
    'github.prs.time_to_merge_p90_hours': true,
    'github.prs.stale_count_14d': false,
    'github.prs.awaiting_review': false,
    'github.prs.with_review_comments_pct': true,
    'github.prs.avg_comments_per_pr': true,
    'github.reviews.time_to_first_review_hours': true,
    // Organization roll-ups (docs/metrics.md#roll-ups) of the statistics above.
    'github.org.prs.avg_time_to_merge_hours': true,
    'github.org.prs.cycle_time_hours': true,
    'github.org.prs.time_to_merge_p90_hours': true,
    'github.org.prs.with_review_comments_pct': true,
    'github.org.prs.avg_comments_per_pr': true,
    'github.org.reviews.time_to_first_review_hours': true,
  },
  commits: {
    'github.commits.total_7d': true,
    'github.commits.hotfix': true,
    'github.commits.reverts': true,
    'github.commits.force_merge_7d': true,
    'github.developers.active_7d': true,
    'github.commits.per_developer_7d': true,
    'github.code.lines_added_7d': true,
    'github.code.lines_deleted_7d': true,
    'github.code.files_changed_7d': true,
    'github.org.developers.active_7d': true,
    'github.org.commits.per_developer_7d': true,
  },
  ci: {
    'github.ci.workflow_runs_7d': true,
    'github.ci.failed_workflows_7d': true,
    'github.ci.timeout_cancellations_7d': true,
    'github.ci.flaky_checks_7d': true,
    'github.ci.success_rate_7d': true,
    'github.ci.avg_workflow_duration_minutes': true,
    'github.ci.duration_p50_minutes': true,
    'github.ci.duration_p90_minutes': true,
    'github.ci.duration_p99_minutes': true,
    'github.ci.tests_passing_on_main': true,
    'github.ci.benchmarks_passing': true,
    'github.org.ci.success_rate_7d': true,
    'github.org.ci.avg_workflow_duration_minutes': true,
    'github.org.ci.duration_p50_minutes': true,
    'github.org.ci.duration_p90_minutes': true,
    'github.org.ci.duration_p99_minutes': true,
  },
  branches: {
    'github.branches.active': false,
    'github.branches.total': false,
    'github.branches.stale': false,
  },
  api: { 'github.api.rate_limit.remaining': false },
  // Reported by every unit, tagged with its group.
  '*': { 'github.api.requests': false },
};

describe('the GitHub catalog', () => {
  it('passes the catalog self-check', () => {
    expect(() => assertCatalog(githubCatalog)).not.toThrow();
  });

  it('declares exactly the metrics dashboards depend on, in their groups, with their backfill flags', () => {
    const declared: Record<string, Record<string, boolean>> = {};
    for (const m of githubCatalog.metrics) (declared[m.group] ??= {})[m.name] = m.backfill;
    expect(declared).toEqual(CONTRACT);
  });

  it('declares every metric as a gauge with a Datadog unit where one exists', () => {
    const units = Object.fromEntries(githubCatalog.metrics.map((m) => [m.name, m.unit]));
    expect(githubCatalog.metrics.every((m) => m.type === 'gauge')).toBe(true);
    expect(UNITS[units['github.prs.avg_time_to_merge_hours']!].datadog).toBe('hour');
    expect(UNITS[units['github.ci.success_rate_7d']!].datadog).toBe('percent');
    expect(UNITS[units['github.ci.duration_p99_minutes']!].datadog).toBe('minute');
    expect(UNITS[units['github.code.files_changed_7d']!].datadog).toBe('file');
    // Lines and 0/1 flags have no Datadog unit.
    expect(UNITS[units['github.code.lines_added_7d']!].datadog).toBeUndefined();
    expect(UNITS[units['github.ci.tests_passing_on_main']!].datadog).toBeUndefined();
  });

  it('bounds its tags: reason and resource are enums, repo and org are the target tags', () => {
    expect(githubCatalog.tags.reason?.values).toEqual(['timed_out', 'cancelled']);
    expect(githubCatalog.tags.resource?.values).toEqual(['core', 'search', 'graphql']);
    expect(Object.keys(githubCatalog.targetTags)).toEqual(['repo', 'org']);
    const tagged = githubCatalog.metrics.filter((m) => m.tags.length).map((m) => [m.name, m.tags]);
    expect(tagged).toEqual([
      ['github.ci.timeout_cancellations_7d', ['reason']],
      ['github.api.rate_limit.remaining', ['resource']],
      ['github.api.requests', ['resource']],
    ]);
  });

  it('has a settings schema that embeds in the config JSON Schema (no $defs)', () => {
    const schema = z.toJSONSchema(githubCollector.settingsSchema, { io: 'input', unrepresentable: 'any' });
    expect(schema).not.toHaveProperty('$defs');
  });
});
