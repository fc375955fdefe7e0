/**
 * The cycle's roll-ups (docs/metrics.md#roll-ups): once every batch is done, one `rollupGroup`
 * activity per group × value of the key tag (per organization), on the cycle's own task queue (it
 * calls no source), with the samples of that group's units of that key's targets.
 */
import { ActivityFailure, log, proxyActivities } from '@temporalio/workflow';
import type { DataPoint } from '../catalog/model';
import { describeFailure } from './failures';
import { runLimited } from './limit';
import { skippedAmong } from './skipped';
import type {
  BatchResult,
  CycleActivities,
  CyclePlan,
  RollupGroupInput,
  RollupOutcome,
  RollupPlan,
  UnitSample,
} from './types';

const { rollupGroup } = proxyActivities<CycleActivities>({
  startToCloseTimeout: '1m',
  retry: { maximumAttempts: 3, initialInterval: '2s', nonRetryableErrorTypes: ['PermanentError'] },
});

/**
 * A roll-up whose input would be larger is left out (absent, with the reason): far below Temporal's
 * 2 MB limit on one payload, about 250 busy repositories' `ci` samples.
 */
export const MAX_ROLLUP_INPUT_BYTES = 1024 * 1024;

/** Roll-ups computed at once. */
const CONCURRENT_ROLLUPS = 8;

export interface RollupTotals {
  readonly points: DataPoint[];
  readonly invalid: number;
  readonly outcomes: RollupOutcome[];
}

export async function runRollups(
  plan: CyclePlan,
  rollup: RollupPlan,
  results: readonly BatchResult[],
): Promise<RollupTotals> {
  const targetsByKey = new Map<string, string[]>();
  for (const t of plan.targets) {
    const key = t.tags[rollup.key]?.toLowerCase();
    if (key === undefined) continue;
    const list = targetsByKey.get(key) ?? [];
    list.push(t.id);
    targetsByKey.set(key, list);
  }
  const keyOf = new Map([...targetsByKey].flatMap(([key, ids]) => ids.map((id) => [id, key] as const)));
  const samples = new Map<string, UnitSample[]>();
  for (const s of results.flatMap((r) => r.samples ?? [])) {
    const key = keyOf.get(s.target);
    if (key === undefined) continue;
    const id = `${s.group}\u0000${key}`;
    samples.set(id, [...(samples.get(id) ?? []), s]);
  }
  const failedUnits = new Set(
    results.flatMap((r) => r.outcomes.filter((o) => !o.ok).map((o) => `${o.group}\u0000${o.target}`)),
  );
  const jobs = [...targetsByKey].flatMap(([key, targets]) =>
    rollup.groups.map((group) => ({
      key,
      group,
      targets,
      samples: samples.get(`${group}\u0000${key}`) ?? [],
    })),
  );
  const settled = await runLimited(jobs, CONCURRENT_ROLLUPS, async (job) => {
    const base = { group: job.group, key: job.key };
    // No activity for a roll-up that cannot be complete: a unit of it failed or was skipped.
    if (job.samples.length < job.targets.length) {
      const missing = job.targets.length - job.samples.length;
      const failed = job.targets.filter((t) => failedUnits.has(`${job.group}\u0000${t}`)).length;
      const skipped = skippedAmong(plan.skipped, job.group, job.targets);
      const skippedWhy = `skipped (${skipped.reasons.join('; ')})`;
      const tooLarge = missing - failed - skipped.count;
      const why =
        failed === missing
          ? 'their unit failed'
          : skipped.count === missing
            ? `their unit was ${skippedWhy}`
            : [
                failed ? `${failed} unit(s) failed` : '',
                skipped.count ? `${skipped.count} unit(s) were ${skippedWhy}` : '',
                tooLarge ? `${tooLarge} sample(s) were too large for their batch's result` : '',
              ]
                .filter(Boolean)
                .join(', ');
      return {
        outcome: {
          ...base,
          points: 0,
          absent: `no sample of ${missing} of ${job.targets.length} targets: ${why}`,
        },
        points: [] as DataPoint[],
        invalid: 0,
      };
    }
    const input: RollupGroupInput = {
      collector: plan.collector,
      asOf: plan.asOf,
      mode: plan.mode,
      group: job.group,
      key: job.key,
      targets: job.targets,
      samples: job.samples,
    };
    const size = JSON.stringify(input).length;
    if (size > MAX_ROLLUP_INPUT_BYTES) {
      const absent = `its samples (${size} bytes) exceed ${MAX_ROLLUP_INPUT_BYTES} bytes`;
      log.warn('roll-up left out', { ...base, reason: absent });
      return { outcome: { ...base, points: 0, absent }, points: [] as DataPoint[], invalid: 0 };
    }
    try {
      const out = await rollupGroup(input);
      return {
        outcome: { ...base, points: out.points.length, ...(out.absent ? { absent: out.absent } : {}) },
        points: out.points,
        invalid: out.invalid,
      };
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const error = describeFailure(err);
      log.warn('roll-up failed', { ...base, error });
      return { outcome: { ...base, points: 0, error }, points: [] as DataPoint[], invalid: 0 };
    }
  });
  return {
    points: settled.flatMap((s) => s.points),
    invalid: settled.reduce((n, s) => n + s.invalid, 0),
    outcomes: settled.map((s) => s.outcome),
  };
}
