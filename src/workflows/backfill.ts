/**
 * A paced backfill of one collector: one collection cycle per slot from `from` to `to` every
 * `stepMs`, at most `concurrency` at a time, each a child workflow with its slot as `asOf` (so each
 * runs in `backfill` mode and sends only backfillable metrics). Progress is queryable while it runs;
 * long ranges continue as new to keep the history small.
 */
import { continueAsNew, defineQuery, executeChild, setHandler, workflowInfo } from '@temporalio/workflow';
import { collectionCycle } from './collection-cycle';
import { describeFailure } from './failures';
import type { CycleResult } from './types';

export interface BackfillInput {
  readonly collector: string;
  /** First and last slot, ISO 8601. */
  readonly from: string;
  readonly to: string;
  readonly stepMs: number;
  readonly concurrency: number;
  /** Carried across continue-as-new. */
  readonly carried?: BackfillTotals & { readonly nextIndex: number; readonly startedAt: string };
}

export interface BackfillTotals {
  readonly done: number;
  readonly submitted: number;
  readonly failed: number;
  /** The first failures (at most MAX_LISTED_FAILURES), to look at in the Web UI. */
  readonly failedSlots: { readonly asOf: string; readonly error: string }[];
}

const MAX_LISTED_FAILURES = 50;

export interface BackfillProgress extends BackfillTotals {
  readonly collector: string;
  readonly total: number;
  readonly running: number;
  readonly startedAt: string;
  /** Estimated time left (ms), from the pace so far; absent before the first slot completes. */
  readonly etaMs?: number;
}

export const backfillProgress = defineQuery<BackfillProgress>('progress');

/** Slots per run before continuing as new (each child costs a handful of history events). */
const SLOTS_PER_RUN = 200;

export function slotCount(input: Pick<BackfillInput, 'from' | 'to' | 'stepMs'>): number {
  return Math.floor((Date.parse(input.to) - Date.parse(input.from)) / input.stepMs) + 1;
}

export async function backfillCollector(input: BackfillInput): Promise<BackfillProgress> {
  const total = slotCount(input);
  const startedAt = input.carried?.startedAt ?? new Date().toISOString();
  const state = {
    done: input.carried?.done ?? 0,
    submitted: input.carried?.submitted ?? 0,
    failed: input.carried?.failed ?? 0,
    failedSlots: [...(input.carried?.failedSlots ?? [])],
    running: 0,
  };
  const progress = (): BackfillProgress => {
    const elapsed = Date.now() - Date.parse(startedAt);
    return {
      collector: input.collector,
      total,
      done: state.done,
      running: state.running,
      submitted: state.submitted,
      failed: state.failed,
      failedSlots: state.failedSlots,
      startedAt,
      ...(state.done > 0 ? { etaMs: Math.round((elapsed / state.done) * (total - state.done)) } : {}),
    };
  };
  setHandler(backfillProgress, progress);

  const first = input.carried?.nextIndex ?? 0;
  const last = Math.min(total, first + SLOTS_PER_RUN);
  let next = first;
  const fail = (asOf: string, error: string) => {
    state.failed++;
    if (state.failedSlots.length < MAX_LISTED_FAILURES) state.failedSlots.push({ asOf, error });
  };
  const runSlot = async (index: number) => {
    const asOf = new Date(Date.parse(input.from) + index * input.stepMs).toISOString();
    state.running++;
    try {
      const result: CycleResult = await executeChild(collectionCycle, {
        workflowId: `${workflowInfo().workflowId}/${asOf}`,
        args: [{ collector: input.collector, asOf }],
      });
      state.submitted += result.submitted;
      if (result.failed) fail(asOf, `${result.failed} of ${result.units} units failed`);
    } catch (err) {
      fail(asOf, describeFailure(err));
    } finally {
      state.running--;
      state.done++;
    }
  };
  const lane = async () => {
    while (next < last) await runSlot(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, input.concurrency) }, lane));

  if (last < total) {
    await continueAsNew<typeof backfillCollector>({
      ...input,
      carried: {
        done: state.done,
        submitted: state.submitted,
        failed: state.failed,
        failedSlots: state.failedSlots,
        nextIndex: last,
        startedAt,
      },
    });
  }
  return progress();
}
