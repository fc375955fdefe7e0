/**
 * Operations benchmark (`npm run bench -- ops`): measurements on a real deployment: a config
 * file, the worker `collectors worker` runs, the real Datadog sink pointed at a loopback fake intake,
 * and the live collector's schedule created by `collectors schedules sync`'s code.
 *
 * 1. slot → intake latency over 20 slots of a 5 s schedule;
 * 2. the outage drill (time-compressed unless --full, see bench/ops/report.ts) and the deadline phase:
 *    points past asOf + 55 min are dropped and counted in `collector.ops.points_dropped`;
 * 3. a paced backfill of 30 days, step 1 d, concurrency 2, historical ingestion on.
 *
 * Starts its own Temporal dev server unless TEMPORAL_ADDRESS is set; progress on stderr, a table on
 * stdout, JSON in out/bench/ops.json.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection, ScheduleNotFoundError } from '@temporalio/client';
import { Runtime as TemporalRuntime } from '@temporalio/worker';
import { assertCatalog } from '../src/catalog/check';
import { projectRoot } from '../src/util/paths';
import { benchOutDir, machine, writeResults } from './driver/results';
import { runBench } from './driver/run';
import { parseOpsArgs, USAGE, type OpsOptions } from './ops/args';
import { pacedBackfill } from './ops/backfill';
import { opsCatalog } from './ops/collector';
import { percentiles, slotLatencies, slotsBetween, type OpsContext } from './ops/context';
import {
  BACKFILL,
  countingLogger,
  countingSdkLogger,
  ENV,
  LIVE,
  opsDeployment,
  SERVICE,
  startOpsWorker,
  type OpsDeployment,
} from './ops/deployment';
import { startOpsIntake, type OpsIntake } from './ops/intake';
import { measureSlotLatency } from './ops/latency';
import { deadlinePhase, outageDrill } from './ops/outage';
import { compression, renderTable, type OpsBenchResult } from './ops/report';
import { SlotLedger, iso, scheduledRuns, slotGrid, tally, waitUntil } from './ops/slots';
import { progress, startServer, stopServer } from './driver/temporal';

const INTERVAL_SECONDS = 5;
const LIVE_TARGETS = 3;
const BACKFILL_TARGETS = 3;
/** The real collectors' schedules (GitHub's default), for the compression statement. */
const REAL_INTERVAL_MINUTES = 15;

/** Undone on exit, Ctrl-C included. */
let intake: OpsIntake | undefined;
let cleanupSchedule: (() => Promise<void>) | undefined;

async function main(options: OpsOptions): Promise<void> {
  const root = projectRoot();
  const bundle = join(root, 'dist', 'workflow-bundle.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run 'npm run build' first`);
  assertCatalog(opsCatalog(LIVE));
  assertCatalog(opsCatalog(BACKFILL));
  const outDir = await benchOutDir();
  const startedAt = new Date();
  const started = performance.now();
  progress(
    `ops bench: ${options.slots} latency slots, outage ${options.outageMs / 1000} s` +
      `${options.full ? ' (--full: real time)' : ' (time-compressed; --full runs 30 minutes)'}, ` +
      `deadline phase ${options.deadlineOutageMs / 1000} s, backfill ${options.backfillDays} days`,
  );

  const log = countingLogger();
  // Our own Ctrl-C handling stops the server; the SDK's would shut the worker down under a measurement.
  TemporalRuntime.install({ logger: countingSdkLogger(log.counts), shutdownSignals: [] });
  const server = await startServer();
  const address = server?.address ?? process.env.TEMPORAL_ADDRESS!;
  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
  intake = await startOpsIntake();
  const deployment = opsDeployment(outDir, {
    address,
    namespace,
    intakeUrl: intake.url,
    intervalSeconds: INTERVAL_SECONDS,
    liveTargets: LIVE_TARGETS,
    backfillTargets: BACKFILL_TARGETS,
  });
  progress(`deployment ${deployment.name} from ${deployment.path}; fake intake at ${intake.url}`);

  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace });
    cleanupSchedule = () => deleteSchedule(client, deployment);
    const worker = await startOpsWorker(deployment, intake, log);
    const ctx: OpsContext = {
      client,
      deployment,
      taskQueue: deployment.config().temporal.taskQueue,
      intake,
      live: new SlotLedger(intake, LIVE, LIVE_TARGETS, { env: ENV, service: SERVICE }),
      intervalSeconds: INTERVAL_SECONDS,
      logCounts: log.counts,
    };
    let measured: Awaited<ReturnType<typeof phases>> | undefined;
    try {
      measured = await worker.run(phases(ctx, options));
    } finally {
      await worker.close();
    }
    if (!measured) throw new Error('the worker stopped before the measurements ended');

    const { latency, drill, deadline, backfill, live } = measured;
    const result: OpsBenchResult = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      wallMs: performance.now() - started,
      environment: {
        ...machine(),
        temporal: { address, namespace, devServer: server !== undefined },
      },
      options,
      compression: compression(options, INTERVAL_SECONDS, REAL_INTERVAL_MINUTES),
      deployment: {
        name: deployment.name,
        configFile: deployment.path,
        scheduleId: deployment.scheduleId,
        intervalSeconds: INTERVAL_SECONDS,
        liveTargets: LIVE_TARGETS,
        seriesPerSlot: ctx.live.perSlot,
      },
      latency,
      drill,
      deadline,
      backfill,
      live,
      intake: { postsByStatus: { ...intake.posts }, distinctSeries: intake.arrivals.size },
      logs: Object.fromEntries([...log.counts].sort(([a], [b]) => a.localeCompare(b))),
      goalsMet: {
        noPointLost:
          latency.incomplete.length === 0 &&
          drill.total.lost === 0 &&
          drill.total.wrongValues === 0 &&
          deadline.live.lost === 0 &&
          deadline.insideDeadline.received === deadline.insideDeadline.expected &&
          live.all.lost === 0,
        dropsCounted:
          deadline.pastDeadline.unaccounted === 0 &&
          deadline.pastDeadline.dropped > 0 &&
          deadline.pointsDroppedMetric.sum === deadline.pastDeadline.dropped,
        backfillComplete: backfill.slotsComplete === backfill.slots && backfill.progress.failed === 0,
      },
    };
    await writeResults(outDir, 'ops', result, renderTable(result), progress);
  } finally {
    await connection.close();
    await intake.close();
    await stopServer();
  }
}

async function phases(ctx: OpsContext, options: OpsOptions) {
  const latency = await measureSlotLatency(ctx, options.slots);
  const drill = await outageDrill(ctx, { firstSlot: latency.firstSlot, outageMs: options.outageMs });
  const deadline = await deadlinePhase(ctx, { outageMs: options.deadlineOutageMs });
  const backfill = await pacedBackfill(ctx, {
    days: options.backfillDays,
    concurrency: options.backfillConcurrency,
    targets: BACKFILL_TARGETS,
  });

  // Live slots due while the backfill ran: they must not wait behind it.
  const during = slotsBetween(backfill.startedMs, backfill.finishedMs, ctx.intervalSeconds);
  await waitUntil(() => during.every((s) => ctx.live.complete(s)), 60_000, 100);
  const duringStatuses = during.map((s) => ctx.live.check(s));
  const duringLatency = percentiles(
    slotLatencies(duringStatuses)
      .map((s) => s.latencyMs)
      .filter((v): v is number => v !== undefined),
  );

  // Stop the schedule, let its last runs finish, then account for every slot it was due to start.
  await deleteSchedule(ctx.client, ctx.deployment);
  cleanupSchedule = undefined;
  progress('schedule deleted; waiting for its last runs');
  let runs = await scheduledRuns(ctx.client, ctx.deployment.scheduleId);
  const giveUpAt = Date.now() + 60_000;
  while (runs.some((r) => r.status === 'RUNNING') && Date.now() < giveUpAt) {
    await new Promise((r) => setTimeout(r, 500));
    runs = await scheduledRuns(ctx.client, ctx.deployment.scheduleId);
  }
  const lastSlot = runs.at(-1)?.slot ?? latency.firstSlot;
  await waitUntil(
    () => runs.every((r) => r.status !== 'COMPLETED' || ctx.live.complete(r.slot)),
    30_000,
    100,
  );
  const grid = slotGrid(latency.firstSlot, lastSlot, ctx.intervalSeconds);
  const started = new Set(runs.map((r) => r.slot));
  const runsByStatus: Record<string, number> = {};
  for (const r of runs) runsByStatus[r.status] = (runsByStatus[r.status] ?? 0) + 1;
  const live = {
    all: tally(grid.map((s) => ctx.live.check(s))),
    runs: runs.length,
    runsByStatus,
    skippedSlots: grid.filter((s) => !started.has(s)).map(iso),
  };
  return {
    latency,
    drill,
    deadline,
    backfill: {
      ...backfill,
      liveSlotsDuring: tally(duringStatuses),
      ...(duringLatency ? { liveLatencyDuring: duringLatency } : {}),
    },
    live,
  };
}

async function deleteSchedule(client: Client, d: OpsDeployment): Promise<void> {
  try {
    await client.schedule.getHandle(d.scheduleId).delete();
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
}

/** On Ctrl-C or a failure: the schedule goes (it would outlive us on a server we did not start), then the server. */
async function cleanup(): Promise<void> {
  await cleanupSchedule?.().catch(() => undefined);
  await intake?.close();
  await stopServer();
}

runBench({ usage: USAGE, parse: parseOpsArgs, main, cleanup, progress });
