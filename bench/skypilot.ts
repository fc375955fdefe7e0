/**
 * SkyPilot collector benchmark (`npm run bench -- skypilot`): a cycle (the `jobs` and `clusters`
 * units of one server, at the same time) against the fake API server answering after 50 ms, over a
 * queue of 5,000 managed jobs: wall time, requests per cycle and their ratio to the least possible
 * for that queue, and the units' peak memory (heap growth and RSS). Rows: the default settings, one
 * page at a time, and a page size holding the whole queue. Progress on stderr, the table on stdout,
 * everything in out/bench/skypilot.json.
 */
import { loadavg } from 'node:os';
import { benchOutDir, machineUnderLoad, writeResults } from './driver/results';
import { runBench } from './driver/run';
import { parseSkyPilotBenchArgs, USAGE, type SkyPilotBenchOptions } from './skypilot/args';
import { benchSettings, TOKEN } from './skypilot/context';
import { runCycle, type CycleRun } from './skypilot/cycle';
import { startFakeHost, type FakeHost } from './skypilot/host';
import type { ServedRequest } from './skypilot/protocol';
import {
  leastRequests,
  renderTable,
  rowResult,
  type RowResult,
  type SkyPilotBenchResult,
} from './skypilot/report';

/** The settings rows: the defaults, then one page at a time, then the whole queue in one page. */
const ROWS: readonly { readonly note: string; readonly options: Record<string, unknown> }[] = [
  { note: 'default', options: {} },
  { note: '1 page at a time', options: { concurrency: 1 } },
  { note: 'large pages', options: { pageSize: 5000 } },
];

const progress = (line: string) => process.stderr.write(`[bench skypilot] ${line}\n`);

let host: FakeHost | undefined;

async function main(options: SkyPilotBenchOptions): Promise<void> {
  if (typeof global.gc !== 'function')
    progress('node runs without --expose-gc: memory is read without a full GC');
  const startedAt = new Date();
  const loadBefore = loadavg();
  const outDir = await benchOutDir();

  // Whole seconds: the fake's clock and the cycles' asOf are this instant.
  const now = Math.floor(Date.now() / 1000);
  const asOf = new Date(now * 1000);
  const { host: child, started: served } = await startFakeHost({
    jobs: options.jobs,
    seed: options.seed,
    now,
    latencyMs: options.latencyMs,
    token: TOKEN,
  });
  host = child;
  const queue = { jobs: served.jobs, rows: served.rows, clusters: served.clusters };
  progress(`fake SkyPilot API server at ${served.url}: ${queue.jobs} jobs, ${queue.rows} rows`);
  const least = leastRequests(queue.jobs);

  const rows: RowResult[] = [];
  try {
    for (const row of ROWS) {
      const settings = benchSettings(served.url, row.options);
      const { pageSize, concurrency } = settings.options;
      const label = `pageSize ${pageSize}, concurrency ${concurrency} (${row.note})`;
      // Unmeasured: warms the JIT and the connection pool for this row.
      await measured(settings, asOf);
      const runs: { run: CycleRun; requests: ServedRequest[]; fakeCpuMs: number }[] = [];
      for (let i = 0; i < options.cycles; i++) runs.push(await measured(settings, asOf));
      const result = rowResult({
        label,
        options: row.options,
        pageSize,
        concurrency,
        least: least.total,
        runs,
      });
      rows.push(result);
      progress(
        `${label}: ${result.requests} requests, median ${result.wall.median.toFixed(0)} ms ` +
          `(${result.wall.min.toFixed(0)}–${result.wall.max.toFixed(0)}), ` +
          `peak heap +${(result.heapDeltaPeakBytes / 1e6).toFixed(1)} MB, ` +
          `peak RSS ${(result.rssPeakBytes / 1e6).toFixed(0)} MB`,
      );
    }
  } finally {
    await host.stop();
    host = undefined;
  }

  const result: SkyPilotBenchResult = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment: machineUnderLoad(loadBefore),
    options,
    queue,
    least,
    rows,
  };
  await writeResults(outDir, 'skypilot', result, renderTable(result), progress);
}

/** One cycle, with the requests the fake served for it. */
async function measured(settings: Parameters<typeof runCycle>[0], asOf: Date) {
  await host!.call('begin', {});
  const run = await runCycle(settings, asOf);
  const { requests, cpuMs } = await host!.call('end', {});
  return { run, requests, fakeCpuMs: cpuMs };
}

runBench({
  usage: USAGE,
  parse: parseSkyPilotBenchArgs,
  main,
  cleanup: () => host?.stop() ?? Promise.resolve(),
  progress,
});
