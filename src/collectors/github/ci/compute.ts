/**
 * The `ci` run metrics (../README.md, group `ci`) over the runs created in the window. A run counts as
 * completed — with its conclusion, attempt and duration — only when it was already so at asOf
 * (`updated_at` ≤ asOf), which is what the source pins down for a past slot.
 */
import { mean, percent, percentile } from '../../kit/statistics';
import { byAsOf } from '../../kit/window';
import type { Run } from './runs';
import { point, points, type GithubPoint } from '../points';
import { secondsBetween, type CiSample } from '../rollup/samples';

const MINUTE_MS = 60_000;

export function doneByAsOf(run: Run, asOf: Date): boolean {
  return run.status === 'completed' && byAsOf(run.updated_at, asOf);
}

/** The run points, and the group's sample for the organization's roll-up (../rollup). */
export function ciRunPoints(runs: readonly Run[], asOf: Date): { points: GithubPoint[]; sample: CiSample } {
  const done = runs.filter((r) => doneByAsOf(r, asOf));
  const concluded = (c: string) => done.filter((r) => r.conclusion === c).length;
  const judged = done.filter((r) => r.conclusion !== 'skipped' && r.conclusion !== 'cancelled');
  const timed = done.filter((r) => r.run_started_at);
  const minutes = timed.map((r) => (Date.parse(r.updated_at) - Date.parse(r.run_started_at!)) / MINUTE_MS);
  const succeeded = judged.filter((r) => r.conclusion === 'success').length;
  const sample: CiSample = {
    duration_s: timed.map((r) => secondsBetween(r.run_started_at!, r.updated_at)),
    judged: judged.length,
    succeeded,
  };
  const rerun = runs.filter((r) => (r.run_attempt ?? 1) > 1 && byAsOf(r.updated_at, asOf));
  const computed = [
    ...points({
      'github.ci.workflow_runs_7d': runs.length,
      'github.ci.failed_workflows_7d': concluded('failure'),
      'github.ci.flaky_checks_7d': rerun.length,
      'github.ci.success_rate_7d': percent(succeeded, judged.length),
      'github.ci.avg_workflow_duration_minutes': mean(minutes),
      'github.ci.duration_p50_minutes': percentile(minutes, 50),
      'github.ci.duration_p90_minutes': percentile(minutes, 90),
      'github.ci.duration_p99_minutes': percentile(minutes, 99),
    }),
    point('github.ci.timeout_cancellations_7d', concluded('timed_out'), { reason: 'timed_out' }),
    point('github.ci.timeout_cancellations_7d', concluded('cancelled'), { reason: 'cancelled' }),
  ];
  return { points: computed, sample };
}
