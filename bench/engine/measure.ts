/** The two measurements: cycle latency against a bare workflow, and worker RSS over many cycles. */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import type { collectionCycle } from '../../src/workflows';
import type { bareWorkflow } from './bare-workflow';

export interface Queues {
  readonly client: Client;
  /** The engine's main task queue (prebuilt bundle, real activities); its units go to `<queue>-bench`. */
  readonly engine: string;
  /** Where the baseline worker polls. */
  readonly bare: string;
}

export interface CycleSample {
  readonly workflowId: string;
  /** From `client.workflow.start` to the result. */
  readonly wallMs: number;
  /** The collect phase as the workflow measured it (its `durationSeconds`). */
  readonly collectMs: number;
}

/** Runs one collection cycle of the bench collector; a cycle that lost a unit is not a sample. */
export async function timeCycle(q: Queues, units: number): Promise<CycleSample> {
  const workflowId = `bench-cycle-${randomUUID()}`;
  const started = performance.now();
  const handle = await q.client.workflow.start<typeof collectionCycle>('collectionCycle', {
    taskQueue: q.engine,
    workflowId,
    args: [{ collector: 'bench' }],
  });
  const result = await handle.result();
  const wallMs = performance.now() - started;
  if (result.units !== units || result.failed > 0 || result.submitted !== units) {
    const firstError = result.outcomes.find((o) => !o.ok)?.error ?? 'none';
    throw new Error(
      `bench cycle ran ${result.units} units (${result.failed} failed, ${result.submitted} points submitted), expected ${units}; first error: ${firstError}`,
    );
  }
  return { workflowId, wallMs, collectMs: result.durationSeconds * 1000 };
}

/** One workflow running one no-op activity, start to result. */
export async function timeBare(q: Queues): Promise<{ workflowId: string; wallMs: number }> {
  const workflowId = `bench-bare-${randomUUID()}`;
  const started = performance.now();
  const handle = await q.client.workflow.start<typeof bareWorkflow>('bareWorkflow', {
    taskQueue: q.bare,
    workflowId,
  });
  await handle.result();
  return { workflowId, wallMs: performance.now() - started };
}

/**
 * How long the workflows' tasks waited in the server between scheduled and started, along the
 * critical path: every workflow task, and the slowest of each set of activities scheduled together.
 * That share of the latency is the server's, not the engine's.
 */
export async function dispatchWaitMs(client: Client, workflowIds: readonly string[]): Promise<number> {
  let total = 0;
  for (const id of workflowIds) {
    const { events } = await client.workflow.getHandle(id).fetchHistory();
    let workflowTaskScheduled = 0;
    const activities = new Map<string, { at: number; together: string }>();
    const slowest = new Map<string, number>();
    for (const e of events ?? []) {
      const at = tsToMs(e.eventTime);
      if (e.workflowTaskScheduledEventAttributes) workflowTaskScheduled = at;
      if (e.workflowTaskStartedEventAttributes) total += at - workflowTaskScheduled;
      const scheduled = e.activityTaskScheduledEventAttributes;
      if (scheduled) {
        activities.set(String(e.eventId), { at, together: String(scheduled.workflowTaskCompletedEventId) });
      }
      const started = e.activityTaskStartedEventAttributes;
      const from = started ? activities.get(String(started.scheduledEventId)) : undefined;
      if (from) slowest.set(from.together, Math.max(slowest.get(from.together) ?? 0, at - from.at));
    }
    for (const wait of slowest.values()) total += wait;
  }
  return total;
}

export interface LatencySample {
  readonly cycle: CycleSample;
  readonly bare: { readonly workflowId: string; readonly wallMs: number };
}

export interface MeasuredSample extends LatencySample {
  readonly cycleDispatchWaitMs: number;
  readonly bareDispatchWaitMs: number;
}

export interface LatencyRun {
  readonly warmup: LatencySample[];
  readonly samples: MeasuredSample[];
}

/**
 * Alternates bare and engine samples so drift on the machine affects both alike. A pause before
 * each lets the server go idle, as between scheduled cycles: the dev server's single history shard
 * reads new tasks at most 20 times a second (history.transferProcessorMaxPollRPS), and back-to-back
 * workflows would measure that limit (~40 ms more per task) rather than the engine.
 */
export async function measureLatency(
  q: Queues,
  opts: {
    units: number;
    warmups: number;
    samples: number;
    pauseMs: number;
    progress: (line: string) => void;
  },
): Promise<LatencyRun> {
  const run: LatencyRun = { warmup: [], samples: [] };
  const sample = async (): Promise<LatencySample> => {
    await sleep(opts.pauseMs);
    const bare = await timeBare(q);
    await sleep(opts.pauseMs);
    return { bare, cycle: await timeCycle(q, opts.units) };
  };
  for (let i = 0; i < opts.warmups; i++) run.warmup.push(await sample());
  for (let i = 1; i <= opts.samples; i++) {
    const s = await sample();
    // The cycle's one batch runs as the child `<id>/batch-1`.
    const cycleWait = await dispatchWaitMs(q.client, [s.cycle.workflowId, `${s.cycle.workflowId}/batch-1`]);
    const bareWait = await dispatchWaitMs(q.client, [s.bare.workflowId]);
    run.samples.push({ ...s, cycleDispatchWaitMs: cycleWait, bareDispatchWaitMs: bareWait });
    opts.progress(
      `latency ${i}/${opts.samples}: cycle ${s.cycle.wallMs.toFixed(0)} ms, bare ${s.bare.wallMs.toFixed(0)} ms ` +
        `(tasks waited ${cycleWait.toFixed(0)} / ${bareWait.toFixed(0)} ms in the server)`,
    );
  }
  return run;
}

export interface MemoryCheckpoint {
  /** Cycles completed when it was read. */
  readonly cycle: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly externalBytes: number;
  readonly elapsedMs: number;
}

export interface MemoryRun {
  readonly checkpoints: MemoryCheckpoint[];
  readonly cycleWallMs: number[];
  /** RSS after every cycle, without a GC first: the shape of the curve between checkpoints. */
  readonly rssPerCycleBytes: number[];
  /** Whether the reading followed a full GC (node started with --expose-gc). */
  readonly gcExposed: boolean;
}

/** Runs `cycles` sequential cycles, reading memory before the first, at each checkpoint and after the last. */
export async function measureMemory(
  q: Queues,
  opts: { units: number; cycles: number; checkpoints: number[]; progress: (line: string) => void },
): Promise<MemoryRun> {
  const started = performance.now();
  const read = (cycle: number): MemoryCheckpoint => {
    global.gc?.();
    const m = process.memoryUsage();
    return {
      cycle,
      rssBytes: m.rss,
      heapUsedBytes: m.heapUsed,
      externalBytes: m.external,
      elapsedMs: performance.now() - started,
    };
  };
  const run: MemoryRun = {
    checkpoints: [read(0)],
    cycleWallMs: [],
    rssPerCycleBytes: [],
    gcExposed: typeof global.gc === 'function',
  };
  const at = new Set([...opts.checkpoints, opts.cycles]);
  for (let i = 1; i <= opts.cycles; i++) {
    run.cycleWallMs.push((await timeCycle(q, opts.units)).wallMs);
    run.rssPerCycleBytes.push(process.memoryUsage.rss());
    if (!at.has(i)) continue;
    const point = read(i);
    run.checkpoints.push(point);
    opts.progress(
      `memory ${i}/${opts.cycles} cycles: rss ${(point.rssBytes / 1e6).toFixed(1)} MB, ` +
        `heap ${(point.heapUsedBytes / 1e6).toFixed(1)} MB, ${(point.elapsedMs / 1000).toFixed(0)} s`,
    );
  }
  return run;
}
