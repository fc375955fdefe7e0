import { metric } from '../../../catalog/declare';
import { W } from './phrases';

const group = 'ci';
const RUNS = `GitHub Actions runs (every workflow, branch and event) created ${W}`;
const DONE = `completed by asOf`;
const DURATION = `of updated_at − run_started_at, in minutes, over ${RUNS} and ${DONE}; absent when none`;

export const ciMetrics = [
  metric({
    name: 'github.ci.workflow_runs_7d',
    unit: 'count',
    group,
    backfill: true,
    description: `Number of ${RUNS}.`,
  }),
  metric({
    name: 'github.ci.failed_workflows_7d',
    unit: 'count',
    group,
    backfill: true,
    description: `Of the ${RUNS}, those concluded "failure".`,
  }),
  metric({
    name: 'github.ci.timeout_cancellations_7d',
    unit: 'count',
    group,
    backfill: true,
    tags: ['reason'],
    description: `Of the ${RUNS}, those concluded "timed_out" or "cancelled", by reason.`,
  }),
  metric({
    name: 'github.ci.flaky_checks_7d',
    unit: 'count',
    group,
    backfill: true,
    description: `Of the ${RUNS}, those re-run (run_attempt > 1).`,
  }),
  metric({
    name: 'github.ci.success_rate_7d',
    unit: 'percent',
    group,
    backfill: true,
    description: `Share (0–100) of successes among ${RUNS} and ${DONE} whose conclusion is neither skipped nor cancelled; absent when none.`,
  }),
  metric({
    name: 'github.ci.avg_workflow_duration_minutes',
    unit: 'minute',
    group,
    backfill: true,
    description: `Mean ${DURATION}.`,
  }),
  metric({
    name: 'github.ci.duration_p50_minutes',
    unit: 'minute',
    group,
    backfill: true,
    description: `Median ${DURATION}.`,
  }),
  metric({
    name: 'github.ci.duration_p90_minutes',
    unit: 'minute',
    group,
    backfill: true,
    description: `90th percentile ${DURATION}.`,
  }),
  metric({
    name: 'github.ci.duration_p99_minutes',
    unit: 'minute',
    group,
    backfill: true,
    description: `99th percentile ${DURATION}.`,
  }),
  metric({
    name: 'github.ci.tests_passing_on_main',
    unit: 'flag',
    group,
    backfill: true,
    description:
      'As of asOf, 1 if for each configured test workflow the latest run on the default branch completed by then (conclusion not cancelled or skipped) succeeded, else 0; absent when no test workflow is configured.',
  }),
  metric({
    name: 'github.ci.benchmarks_passing',
    unit: 'flag',
    group,
    backfill: true,
    description:
      'Same as tests_passing_on_main, for the configured benchmark workflows; absent when none is configured.',
  }),
];
