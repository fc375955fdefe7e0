import { gauge, W } from './define';

const g = 'ci';
const RUNS = `GitHub Actions runs (every workflow, branch and event) created ${W}`;
const DONE = `completed by asOf`;
const DURATION = `of updated_at − run_started_at, in minutes, over ${RUNS} and ${DONE}; absent when none`;

export const ciMetrics = [
  gauge(g, 'github.ci.workflow_runs_7d', 'count', true, `Number of ${RUNS}.`),
  gauge(g, 'github.ci.failed_workflows_7d', 'count', true, `Of the ${RUNS}, those concluded "failure".`),
  gauge(
    g,
    'github.ci.timeout_cancellations_7d',
    'count',
    true,
    `Of the ${RUNS}, those concluded "timed_out" or "cancelled", by reason.`,
    ['reason'],
  ),
  gauge(g, 'github.ci.flaky_checks_7d', 'count', true, `Of the ${RUNS}, those re-run (run_attempt > 1).`),
  gauge(
    g,
    'github.ci.success_rate_7d',
    'percent',
    true,
    `Share (0–100) of successes among ${RUNS} and ${DONE} whose conclusion is neither skipped nor cancelled; absent when none.`,
  ),
  gauge(g, 'github.ci.avg_workflow_duration_minutes', 'minute', true, `Mean ${DURATION}.`),
  gauge(g, 'github.ci.duration_p50_minutes', 'minute', true, `Median ${DURATION}.`),
  gauge(g, 'github.ci.duration_p90_minutes', 'minute', true, `90th percentile ${DURATION}.`),
  gauge(g, 'github.ci.duration_p99_minutes', 'minute', true, `99th percentile ${DURATION}.`),
  gauge(
    g,
    'github.ci.tests_passing_on_main',
    'flag',
    true,
    'As of asOf, 1 if for each configured test workflow the latest run on the default branch completed by then (conclusion not cancelled or skipped) succeeded, else 0; absent when no test workflow is configured.',
  ),
  gauge(
    g,
    'github.ci.benchmarks_passing',
    'flag',
    true,
    'Same as tests_passing_on_main, for the configured benchmark workflows; absent when none is configured.',
  ),
];
