/**
 * W&B collector benchmark (`npm run bench -- wandb`): a cycle of one project (its `counts`, `runs`
 * and `sweeps` units at once) against the fake W&B answering after 50 ms, for projects of 3,000,
 * 30,000 and 100,000 runs over a year with the same recent activity (about 300 runs touching W):
 * requests, wall time and peak RSS per cycle, next to a "scan every run" baseline (every run of the
 * project read, 100 a page, as the predecessor did) measured in the same run. The collector's cost
 * must stay flat as the history grows. Progress on stderr, the table on stdout, everything in
 * out/bench/wandb.json.
 */
import { wandbCollector } from '../src/collectors/wandb';
import { createClient } from '../src/collectors/wandb/client';
import { readAll } from '../src/collectors/wandb/paging';
import { RUNS_QUERY, type Connection, type RunNode } from '../src/collectors/wandb/queries';
import { settingsSchema, type WandbSettings } from '../src/collectors/wandb/settings';
import { targetOf } from '../src/collectors/wandb/targets';
import { memoryLogger } from '../src/log';
import { unitContext, warningsOf } from './collector/context';
import { measureCycle } from './collector/cycle';
import { driveCollectorBench } from './collector/drive';
import { FAKE_FLAGS, fakeOptions } from './collector/flags';
import { intFlag as int, parseFlags } from './driver/args';
import { secretsOf } from './driver/secrets';
import {
  renderTable,
  sizeResult,
  type ServedRequest,
  type SizeResult,
  type WandbMeasured,
} from './wandb/report';

export interface WandbBenchOptions {
  /** Runs per project, one project per size. */
  readonly sizes: readonly number[];
  /** Runs created in the last 8 days of each project (the same for every size). */
  readonly recent: number;
  /** Measured cycles per project (after one unmeasured warm-up cycle). */
  readonly cycles: number;
  /** Skip the baseline for projects larger than this (it reads every run). */
  readonly baselineMax: number;
  readonly latencyMs: number;
  readonly seed: number;
}

const USAGE = `usage: npm run bench -- wandb [--sizes 3000,30000,100000] [--recent 290] [--cycles 3] [--baseline-max 100000] [--latency 50] [--seed 1]
  --sizes N,N,…      runs per project, over a year; one project per size (default 3000,30000,100000)
  --recent N         runs created in the last 8 days of every project (default 290: about 300 touch W)
  --cycles N         measured cycles per project, after one warm-up (default 3)
  --baseline-max N   scan every run (the baseline) only for projects up to N runs (default 100000)
  --latency MS       delay of every answer of the fake W&B (default 50)
  --seed N           seed of the generated projects (default 1)`;

function parse(argv: readonly string[]): WandbBenchOptions | 'help' {
  const values = parseFlags(argv, {
    sizes: { type: 'string', default: '3000,30000,100000' },
    recent: { type: 'string', default: '290' },
    cycles: { type: 'string', default: '3' },
    'baseline-max': { type: 'string', default: '100000' },
    ...FAKE_FLAGS,
  });
  if (values === 'help') return 'help';
  const sizes = values.sizes.split(',').map((s) => int('sizes', s.trim(), 1, 1_000_000));
  const recent = int('recent', values.recent, 0, 100_000);
  if (sizes.some((s) => s < recent))
    throw new Error(`--sizes: every size must be at least --recent (${recent})`);
  return {
    sizes,
    recent,
    cycles: int('cycles', values.cycles, 1, 100),
    baselineMax: int('baseline-max', values['baseline-max'], 0, 1_000_000),
    ...fakeOptions(values),
  };
}

type WandbFake = {
  /** `now`: epoch ms the projects are relative to (the cycles' asOf). */
  start: {
    sizes: readonly number[];
    recent: number;
    seed: number;
    now: number;
    latencyMs: number;
    apiKey: string;
  };
  started: {
    url: string;
    entity: string;
    projects: { name: string; runs: number; touching: number; sweeps: number }[];
  };
  request: ServedRequest;
  ops: Record<string, never>;
};

const API_KEY = 'benchmark-wandb-key';
const secrets = secretsOf({ 'wandb/api-key': API_KEY });
const GROUPS = ['counts', 'runs', 'sweeps'] as const;
/** Memory is sampled this often while the units run. */
const SAMPLE_MS = 2;

/** One cycle of a project as the engine runs it: its three units at once. */
async function runCycle(settings: WandbSettings, id: string, asOf: Date) {
  const contexts = GROUPS.map((group) =>
    unitContext({ group, target: targetOf(id), settings, asOf, secrets }),
  );
  const cycle = await measureCycle(SAMPLE_MS, async () => {
    const results = await Promise.all(contexts.map((ctx) => wandbCollector.collect(ctx)));
    return results.reduce((n, r) => n + r.length, 0);
  });
  return { ...cycle, result: { points: cycle.result, warnings: contexts.flatMap(warningsOf) } };
}

/** The baseline: every run of the project, unfiltered, 100 a page, with the fields the collector reads. */
async function scanEveryRun(url: string, entity: string, project: string) {
  const client = createClient({
    baseUrl: url,
    apiKey: API_KEY,
    fetch,
    signal: new AbortController().signal,
    timeoutMs: 60_000,
    log: memoryLogger('warn'),
  });
  return measureCycle(SAMPLE_MS, async () => {
    const runs = await readAll<RunNode>(client, {
      query: RUNS_QUERY,
      variables: { entity, project, filters: '{}' },
      perPage: 100,
      subject: `project ${entity}/${project} (every run)`,
      connection: (data) => (data as { project: { runs: Connection<RunNode> } }).project.runs,
    });
    return runs.length;
  });
}

driveCollectorBench<WandbBenchOptions, WandbFake, WandbMeasured>({
  name: 'wandb',
  usage: USAGE,
  parse,
  async startFake({ sizes, recent, seed, now, latencyMs, apiKey }) {
    const { generateDataset, startFakeWandb } = await import('../src/fakes/wandb/index.js');
    const dataset = generateDataset({
      now: new Date(now),
      seed,
      entity: 'bench',
      projects: sizes.map((runs) => ({ name: `runs-${runs}`, runs, recent })),
    });
    const fake = await startFakeWandb({ dataset, apiKey, latencyMs });
    // Counted here, apart from the collector: created by asOf, and running or heard from in W.
    const start = now - 7 * 24 * 3_600_000;
    const ms = (t: string | null) => (t ? Date.parse(`${t}Z`) : Number.NaN);
    const requests: ServedRequest[] = [];
    const served = fake.requests;
    return {
      started: {
        url: fake.url,
        entity: 'bench',
        projects: dataset.projects.map((p) => ({
          name: p.name,
          runs: p.runs.length,
          touching: p.runs.filter(
            (r) => ms(r.createdAt) <= now && (r.state === 'running' || ms(r.heartbeatAt) > start),
          ).length,
          sweeps: p.sweeps.length,
        })),
      },
      // The log without the variables: only what the bench counts crosses to its process.
      get requests() {
        for (let i = requests.length; i < served.length; i++) {
          requests.push({ status: served[i]!.status, operation: served[i]!.operation ?? '' });
        }
        return requests;
      },
      ops: {},
      close: () => fake.close(),
    };
  },
  async measure({ options, progress, startFake }) {
    const now = Math.floor(Date.now() / 1000) * 1000;
    const asOf = new Date(now);
    progress(`generating ${options.sizes.join(', ')} runs…`);
    const fake = await startFake({
      sizes: options.sizes,
      recent: options.recent,
      seed: options.seed,
      now,
      latencyMs: options.latencyMs,
      apiKey: API_KEY,
    });
    const { url, entity, projects } = fake.started;
    progress(`fake W&B at ${url}: ${projects.map((p) => `${p.name} (${p.touching} touching W)`).join(', ')}`);
    const sizes: SizeResult[] = [];
    const settingsOf = (name: string) =>
      settingsSchema.parse({ targets: [{ entity, projects: [name] }], options: { baseUrl: url } });
    try {
      // Every collector cycle first, the baselines after: a scan's garbage must not count in a cycle's RSS.
      const cycles = [];
      for (const project of projects) {
        const settings = settingsOf(project.name);
        const id = `${entity}/${project.name}`;
        await fake.around(() => runCycle(settings, id, asOf));
        const runs = [];
        for (let i = 0; i < options.cycles; i++)
          runs.push(await fake.around(() => runCycle(settings, id, asOf)));
        cycles.push(runs);
      }
      for (const [i, project] of projects.entries()) {
        const baseline =
          project.runs <= options.baselineMax
            ? await fake.around(() => scanEveryRun(url, entity, project.name))
            : undefined;
        const pageSize = settingsOf(project.name).options.pageSize;
        const result = sizeResult({ project, pageSize, runs: cycles[i]!, baseline });
        sizes.push(result);
        progress(
          `${project.name}: ${result.requests} requests (goal ≤ ${result.goal}), median ${result.wall.median.toFixed(0)} ms, ` +
            `peak RSS ${(result.rssPeakBytes / 1e6).toFixed(0)} MB` +
            (result.baseline
              ? `; scan every run: ${result.baseline.requests} requests, ${(result.baseline.wallMs / 1000).toFixed(1)} s`
              : ''),
        );
      }
    } finally {
      await fake.stop();
    }
    return { projects, sizes };
  },
  render: renderTable,
  verify(result) {
    const over = result.sizes.filter((s) => s.requests > s.goal || s.wall.max >= 5000);
    if (over.length) {
      throw new Error(`over the goal (requests or 5 s): ${over.map((s) => s.project.name).join(', ')}`);
    }
  },
});
