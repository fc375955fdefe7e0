/**
 * SkyPilot collector benchmark (`npm run bench -- skypilot`): a cycle (the `jobs` and `clusters`
 * units of one server, at the same time) against the fake API server answering after 50 ms, over a
 * queue of 5,000 managed jobs: wall time, requests per cycle and their ratio to the least possible
 * for that queue, and the units' peak memory (heap growth and RSS). Rows: the default settings, one
 * page at a time, and a page size holding the whole queue. Progress on stderr, the table on stdout,
 * everything in out/bench/skypilot.json.
 */
import { skypilotCollector } from '../src/collectors/skypilot';
import { settingsSchema, type SkyPilotSettings } from '../src/collectors/skypilot/settings';
import { unitContext, warningsOf } from './collector/context';
import { measureCycle } from './collector/cycle';
import { driveCollectorBench } from './collector/drive';
import { FAKE_FLAGS, fakeOptions } from './collector/flags';
import { intFlag as int, parseFlags } from './driver/args';
import { secretsOf } from './driver/secrets';
import {
  leastRequests,
  renderTable,
  rowResult,
  type RowResult,
  type ServedRequest,
  type SkyPilotCycle,
  type SkyPilotMeasured,
} from './skypilot/report';

export interface SkyPilotBenchOptions {
  /** Managed jobs in the queue. */
  readonly jobs: number;
  /** Measured cycles per settings row (after one unmeasured warm-up cycle). */
  readonly cycles: number;
  /** Delay of every answer of the fake. */
  readonly latencyMs: number;
  readonly seed: number;
}

const USAGE = `usage: npm run bench -- skypilot [--jobs 5000] [--cycles 5] [--latency 50] [--seed 1]
  --jobs N      managed jobs in the generated queue (default 5000)
  --cycles N    measured cycles per settings row, after one warm-up (default 5)
  --latency MS  delay of every answer of the fake SkyPilot API server (default 50)
  --seed N      seed of the generated queue (default 1)`;

function parse(argv: readonly string[]): SkyPilotBenchOptions | 'help' {
  const values = parseFlags(argv, {
    jobs: { type: 'string', default: '5000' },
    cycles: { type: 'string', default: '5' },
    ...FAKE_FLAGS,
  });
  if (values === 'help') return 'help';
  return {
    jobs: int('jobs', values.jobs, 1, 1_000_000),
    cycles: int('cycles', values.cycles, 1, 1000),
    ...fakeOptions(values),
  };
}

/** The fake's process holds the queue (5,000 jobs): here its answers would count in the measured heap. */
type SkyPilotFake = {
  /** `now`: epoch seconds the queue is relative to (the cycles' asOf). */
  start: { jobs: number; seed: number; now: number; latencyMs: number; token: string };
  /** The queue's size: top-level jobs, as the server pages and counts them, task rows and clusters. */
  started: { url: string; rows: number; jobs: number; clusters: number };
  request: ServedRequest;
  ops: Record<string, never>;
};

const TOKEN = 'sky_bench_token';
const SERVER = 'bench';
const secrets = secretsOf({ 'skypilot/api-key': TOKEN });

/** The settings rows: the defaults, then one page at a time, then the whole queue in one page. */
const ROWS: readonly { readonly note: string; readonly options: Record<string, unknown> }[] = [
  { note: 'default', options: {} },
  { note: '1 page at a time', options: { concurrency: 1 } },
  { note: 'large pages', options: { pageSize: 5000 } },
];

/** Memory is sampled this often while the units run (the table's notes say so). */
const SAMPLE_MS = 2;

/** One cycle as the engine runs it: the `jobs` and `clusters` units of the one server at the same time. */
async function runCycle(settings: SkyPilotSettings, asOf: Date): Promise<SkyPilotCycle> {
  const target = { id: SERVER, tags: { skypilot_server: SERVER } };
  const contexts = (['jobs', 'clusters'] as const).map((group) =>
    unitContext({ group, target, settings, asOf, secrets }),
  );
  const cycle = await measureCycle(SAMPLE_MS, async () => {
    const results = await Promise.all(contexts.map((ctx) => skypilotCollector.collect(ctx)));
    return results.reduce((n, r) => n + r.length, 0);
  });
  return { ...cycle, result: { points: cycle.result, warnings: contexts.flatMap(warningsOf) } };
}

driveCollectorBench<SkyPilotBenchOptions, SkyPilotFake, SkyPilotMeasured>({
  name: 'skypilot',
  usage: USAGE,
  parse,
  async startFake({ jobs, seed, now, latencyMs, token }) {
    const { generateDataset, startFakeSkyPilot, treeRoot } = await import('../src/fakes/skypilot/index.js');
    const dataset = generateDataset({ jobs, seed, now });
    // The server's clock stays at the dataset's `now`: every cycle reads the same queue.
    const fake = await startFakeSkyPilot({ dataset, latencyMs, token, now: () => now });
    return {
      started: {
        url: fake.url,
        rows: dataset.jobs.length,
        // A job group's members are one job.
        jobs: new Set(dataset.jobs.map(treeRoot)).size,
        clusters: dataset.clusters.length,
      },
      requests: fake.requests,
      ops: {},
      close: () => fake.close(),
    };
  },
  async measure({ options, progress, startFake }) {
    // Whole seconds: the fake's clock and the cycles' asOf are this instant.
    const now = Math.floor(Date.now() / 1000);
    const asOf = new Date(now * 1000);
    const fake = await startFake({
      jobs: options.jobs,
      seed: options.seed,
      now,
      latencyMs: options.latencyMs,
      token: TOKEN,
    });
    const served = fake.started;
    const queue = { jobs: served.jobs, rows: served.rows, clusters: served.clusters };
    progress(`fake SkyPilot API server at ${served.url}: ${queue.jobs} jobs, ${queue.rows} rows`);
    const least = leastRequests(queue.jobs);

    const rows: RowResult[] = [];
    try {
      for (const row of ROWS) {
        const settings = settingsSchema.parse({
          targets: [{ name: SERVER, url: served.url }],
          options: row.options,
        });
        const { pageSize, concurrency } = settings.options;
        const label = `pageSize ${pageSize}, concurrency ${concurrency} (${row.note})`;
        // Unmeasured: warms the JIT and the connection pool for this row.
        await fake.around(() => runCycle(settings, asOf));
        const runs = [];
        for (let i = 0; i < options.cycles; i++) runs.push(await fake.around(() => runCycle(settings, asOf)));
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
      await fake.stop();
    }
    return { queue, least, rows };
  },
  render: renderTable,
});
