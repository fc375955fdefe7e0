/**
 * Phase 3, a paced backfill: the project's `backfillCollector` workflow, started as `collectors
 * backfill <name> --from … --to … --step 1d --concurrency 2` starts it, for a collector with
 * Historical Metrics Ingestion on, while the live schedule keeps running. Measures wall time, slots
 * per second and points sent, and checks every slot's series at the intake.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { estimateCardinality } from '../../src/catalog/cardinality';
import { progressLine } from '../../src/cli/backfill';
import {
  backfillProgress,
  slotCount,
  type BackfillInput,
  type BackfillProgress,
  type backfillCollector,
} from '../../src/workflows/backfill';
import { progress } from '../driver/temporal';
import { seconds, type OpsContext } from './context';
import { opsCatalog } from './collector';
import { BACKFILL, ENV, SERVICE } from './deployment';
import { SlotLedger, slotGrid, tally, type Tally } from './slots';

const DAY_MS = 86_400_000;

export interface BackfillResult {
  readonly workflowId: string;
  readonly from: string;
  readonly to: string;
  readonly stepMs: number;
  readonly concurrency: number;
  readonly targets: number;
  readonly slots: number;
  /** What `collectors backfill` announces before it starts: slots × targets × backfillable series. */
  readonly estimatedPoints: number;
  readonly wallMs: number;
  readonly slotsPerSecond: number;
  /** The workflow's result. */
  readonly progress: BackfillProgress;
  /** The backfilled slots as the intake saw them. */
  readonly intake: Tally;
  /** Backfilled slots whose every series arrived, stamped with the slot. */
  readonly slotsComplete: number;
  readonly startedMs: number;
  readonly finishedMs: number;
}

export async function pacedBackfill(
  ctx: OpsContext,
  opts: { days: number; concurrency: number; targets: number },
): Promise<BackfillResult> {
  // The collector's section, with historical ingestion on, goes into the file; the worker re-reads it.
  ctx.deployment.addBackfillCollector();
  const config = ctx.deployment.config();
  const section = config.collectors[BACKFILL];
  if (!section?.historicalIngestion.enabled) throw new Error(`${BACKFILL} must have historical ingestion on`);

  const day = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const input: BackfillInput = {
    collector: BACKFILL,
    from: new Date(day - opts.days * DAY_MS).toISOString(),
    to: new Date(day - DAY_MS).toISOString(),
    stepMs: DAY_MS,
    concurrency: opts.concurrency,
  };
  const slots = slotCount(input);
  const catalog = opsCatalog(BACKFILL);
  const series = estimateCardinality({ ...catalog, metrics: catalog.metrics.filter((m) => m.backfill) }, 1);
  const estimatedPoints = slots * opts.targets * series.perTarget;
  progress(
    `backfill of ${BACKFILL} from ${input.from} to ${input.to} every 1d: ${slots} slot(s) × ` +
      `${opts.targets} target(s) × ${series.perTarget} backfillable series ≈ ${estimatedPoints} points, ` +
      `${opts.concurrency} cycle(s) at a time`,
  );

  const workflowId = `${ctx.deployment.name}-backfill-${BACKFILL}`;
  const startedMs = Date.now();
  const started = performance.now();
  const handle = await ctx.client.workflow.start<typeof backfillCollector>('backfillCollector', {
    taskQueue: ctx.taskQueue,
    workflowId,
    args: [input],
  });
  const done = handle.result();
  let last = '';
  for (;;) {
    const finished = await Promise.race([done.then(() => true), sleep(1000).then(() => false)]);
    if (finished) break;
    const p = await handle.query(backfillProgress).catch(() => undefined);
    const line = p ? progressLine(p) : '';
    if (line && line !== last) progress(`backfill ${(last = line)}`);
  }
  const result = await done;
  const wallMs = performance.now() - started;
  const finishedMs = Date.now();
  progress(`backfill ${progressLine(result)} in ${seconds(wallMs)}`);

  const ledger = new SlotLedger(ctx.intake, BACKFILL, opts.targets, { env: ENV, service: SERVICE });
  const slotTimes = slotGrid(Date.parse(input.from) / 1000, Date.parse(input.to) / 1000, DAY_MS / 1000);
  const statuses = slotTimes.map((s) => ledger.check(s));
  const t = tally(statuses);
  if (t.incompleteSlots.length) progress(`backfill: incomplete slots ${t.incompleteSlots.join(', ')}`);
  return {
    workflowId,
    from: input.from,
    to: input.to,
    stepMs: input.stepMs,
    concurrency: input.concurrency,
    targets: opts.targets,
    slots,
    estimatedPoints,
    wallMs,
    slotsPerSecond: slots / (wallMs / 1000),
    progress: result,
    intake: t,
    slotsComplete: statuses.filter((s) => s.received === s.expected).length,
    startedMs,
    finishedMs,
  };
}
