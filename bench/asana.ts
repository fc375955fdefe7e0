/**
 * Asana collector benchmark (`npm run bench -- asana`): a cycle of a workspace of 50 projects × 2,000
 * tasks (200 open each, completions spread over a year) against the fake Asana answering after
 * 50 ms: the plan and every unit, requests next to the least possible (the pages of the open and
 * recently completed tasks, one status request per project) and next to reading every task, wall
 * time, and the most requests one minute can see at the declared rate budget, against Asana's
 * free-plan limit of 150 a minute. Progress on stderr, the table on stdout, everything in
 * out/bench/asana.json.
 */
import { asanaCollector } from '../src/collectors/asana';
import { createClient } from '../src/collectors/asana/client';
import { settingsSchema, type AsanaSettings } from '../src/collectors/asana/settings';
import { planContext } from '../src/collectors/kit/unit-context';
import type { Target } from '../src/collectors/types';
import {
  leastRequests,
  renderTable,
  summarizeWall,
  worstMinute,
  type AsanaMeasured,
  type CycleRun,
  type ProjectServed,
  type ServedRequest,
} from './asana/report';
import { unitContext, warningsOf } from './collector/context';
import { driveCollectorBench } from './collector/drive';
import { FAKE_FLAGS, fakeOptions } from './collector/flags';
import { intFlag as int, parseFlags } from './driver/args';
import { secretsOf } from './driver/secrets';

export interface AsanaBenchOptions {
  readonly projects: number;
  /** Tasks per project, milestones included. */
  readonly tasks: number;
  /** Of them, open. */
  readonly open: number;
  /** Measured cycles (after one unmeasured warm-up cycle). */
  readonly cycles: number;
  /** Units run at once (worker slots). */
  readonly concurrency: number;
  /** Asana's limit the budget must keep to (the free plan's). */
  readonly perMinute: number;
  readonly latencyMs: number;
  readonly seed: number;
}

const USAGE = `usage: npm run bench -- asana [--projects 50] [--tasks 2000] [--open 200] [--cycles 2] [--concurrency 8] [--per-minute 150] [--latency 50] [--seed 1]
  --projects N     projects of the workspace (default 50)
  --tasks N        tasks per project, over a year (default 2000)
  --open N         of them, open (default 200)
  --cycles N       measured cycles, after one warm-up (default 2)
  --concurrency N  units run at once (default 8)
  --per-minute N   the request limit the declared budget must keep a cycle under (default 150, Asana's free plan)
  --latency MS     delay of every answer of the fake Asana (default 50)
  --seed N         seed of the generated workspace (default 1)`;

function parse(argv: readonly string[]): AsanaBenchOptions | 'help' {
  const values = parseFlags(argv, {
    projects: { type: 'string', default: '50' },
    tasks: { type: 'string', default: '2000' },
    open: { type: 'string', default: '200' },
    cycles: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '8' },
    'per-minute': { type: 'string', default: '150' },
    ...FAKE_FLAGS,
  });
  if (values === 'help') return 'help';
  const tasks = int('tasks', values.tasks, 1, 1_000_000);
  return {
    projects: int('projects', values.projects, 1, 1000),
    tasks,
    open: int('open', values.open, 0, tasks),
    cycles: int('cycles', values.cycles, 1, 100),
    concurrency: int('concurrency', values.concurrency, 1, 100),
    perMinute: int('per-minute', values['per-minute'], 1, 100_000),
    ...fakeOptions(values),
  };
}

type AsanaFake = {
  /** `now`: epoch ms the workspace is relative to (the cycles' asOf). */
  start: {
    projects: number;
    tasks: number;
    open: number;
    seed: number;
    now: number;
    latencyMs: number;
    token: string;
  };
  started: { url: string; workspace: string };
  request: ServedRequest;
  /** The projects as the listing of a cycle as of `asOf` (epoch ms) holds them. */
  ops: { projects: { args: { asOf: number }; result: ProjectServed[] } };
};

const TOKEN = '2/1200000000000001/1200000000000002:benchmarktoken';
const secrets = secretsOf({ 'asana/personal-access-token': TOKEN });
const WEEK_MS = 7 * 24 * 3_600_000;

function kindOf(path: string): string {
  if (path.endsWith('/tasks/search')) return 'search';
  if (/^\/projects\/[^/]+\/tasks$/.test(path)) return 'tasks';
  if (path.endsWith('/dependencies')) return 'lookup';
  if (path === '/status_updates') return 'status';
  return 'plan';
}

/** Runs `jobs` with at most `limit` at once, in order. */
async function pool<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return out;
}

/** A fetch that counts the requests a unit sends. */
function counting(): { fetch: typeof fetch; count: () => number } {
  let n = 0;
  return {
    fetch: (input, init) => {
      n++;
      return fetch(input, init);
    },
    count: () => n,
  };
}

/** One cycle as the engine runs it: the plan, then every group × project, `concurrency` at once. */
async function runCycle(
  settings: AsanaSettings,
  asOf: Date,
  concurrency: number,
): Promise<Omit<CycleRun, 'requests' | 'byKind' | 'least'>> {
  const started = performance.now();
  const planFetch = counting();
  const targets: Target[] = await asanaCollector.targets(
    planContext({ settings, secrets, asOf, fetch: planFetch.fetch }),
  );
  const units = targets.flatMap((target) =>
    asanaCollector.catalog.groups.map((g) => ({ target, group: g.name, counter: counting() })),
  );
  const contexts = units.map((u) =>
    unitContext({ group: u.group, target: u.target, settings, asOf, secrets, fetch: u.counter.fetch }),
  );
  const results = await pool(
    contexts.map((ctx) => () => asanaCollector.collect(ctx)),
    concurrency,
  );
  return {
    wallMs: performance.now() - started,
    unitRequests: units.map((u) => u.counter.count()),
    planRequests: planFetch.count(),
    points: results.reduce((n, r) => n + r.length, 0),
    warnings: contexts.flatMap(warningsOf),
  };
}

/** The baseline: every task of every project, 100 a page, and one status request per project. */
async function readEveryTask(url: string, projects: readonly ProjectServed[], concurrency: number) {
  const client = createClient({
    baseUrl: url,
    token: TOKEN,
    fetch,
    signal: new AbortController().signal,
    timeoutMs: 60_000,
  });
  const started = performance.now();
  await pool(
    projects.flatMap((p) => [
      () =>
        client.list(`/projects/${p.gid}/tasks`, { opt_fields: 'completed,completed_at,created_at' }, p.gid),
      () => client.get('/status_updates', { parent: p.gid, limit: 1, opt_fields: 'status_type' }, p.gid),
    ]),
    concurrency,
  );
  return { requests: client.requests, wallMs: performance.now() - started };
}

driveCollectorBench<AsanaBenchOptions, AsanaFake, AsanaMeasured>({
  name: 'asana',
  usage: USAGE,
  parse,
  async startFake({ projects, tasks, open, seed, now, latencyMs, token }) {
    const { generateDataset, startFakeAsana } = await import('../src/fakes/asana/index.js');
    const dataset = generateDataset({
      now: new Date(now),
      seed,
      workspace: 'Bench',
      projects: Array.from({ length: projects }, (_, i) => ({
        name: `Project ${String(i + 1).padStart(2, '0')}`,
        tasks,
        open,
        team: i % 2,
        subtasks: false,
      })),
    });
    const fake = await startFakeAsana({ dataset, token, latencyMs });
    const requests: ServedRequest[] = [];
    const served = fake.requests;
    const projectsAsOf = (asOf: number): ProjectServed[] => {
      const since = new Date(asOf - WEEK_MS).toISOString();
      return dataset.projects.map((p) => {
        const own = dataset.tasks.filter((t) => t.projects.includes(p.gid));
        return {
          gid: p.gid,
          tasks: own.length,
          listed: own.filter((t) => !t.completed || (t.completed_at !== null && t.completed_at >= since))
            .length,
        };
      });
    };
    return {
      started: { url: fake.url, workspace: dataset.workspaces[0]!.gid },
      // Only what the bench counts crosses to its process.
      get requests() {
        for (let i = requests.length; i < served.length; i++) {
          requests.push({ status: served[i]!.status, kind: kindOf(served[i]!.path) });
        }
        return requests;
      },
      ops: { projects: ({ asOf }) => Promise.resolve(projectsAsOf(asOf)) },
      close: () => fake.close(),
    };
  },
  async measure({ options, progress, startFake }) {
    const now = Math.floor(Date.now() / 1000) * 1000;
    progress(`generating ${options.projects} projects × ${options.tasks} tasks…`);
    const fake = await startFake({
      projects: options.projects,
      tasks: options.tasks,
      open: options.open,
      seed: options.seed,
      now,
      latencyMs: options.latencyMs,
      token: TOKEN,
    });
    const { url, workspace } = fake.started;
    const settings = settingsSchema.parse({ targets: [{ workspace }], options: { baseUrl: url } });
    // Each cycle its own slot, a minute apart, as schedules give them: nothing of one is reused by the next.
    const slot = (i: number) => new Date(now - (options.cycles - i) * 60_000);
    const projects = await fake.call('projects', { asOf: slot(options.cycles - 1).getTime() });
    const cycles: CycleRun[] = [];
    const least: number[] = [];
    let everyTask: AsanaMeasured['everyTask'];
    try {
      await runCycle(settings, new Date(now - 3_600_000), options.concurrency);
      for (let i = 0; i < options.cycles; i++) {
        least.push(leastRequests(await fake.call('projects', { asOf: slot(i).getTime() })));
        const { run, requests } = await fake.around(() => runCycle(settings, slot(i), options.concurrency));
        const byKind: Record<string, number> = {};
        for (const r of requests) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
        const failed = requests.filter((r) => r.status !== 200).length;
        if (failed) throw new Error(`${failed} requests of the cycle failed`);
        cycles.push({ ...run, requests: requests.length, byKind, least: least[i]! });
        progress(
          `cycle ${i + 1}: ${requests.length} requests (least possible ${least[i]}), ${(run.wallMs / 1000).toFixed(2)} s, ${run.points} points`,
        );
      }
      const baseline = await fake.around(() => readEveryTask(url, projects, options.concurrency));
      everyTask = { requests: baseline.requests.length, wallMs: baseline.run.wallMs };
      progress(`read every task: ${everyTask.requests} requests, ${(everyTask.wallMs / 1000).toFixed(2)} s`);
    } finally {
      await fake.stop();
    }
    const last = cycles[cycles.length - 1]!;
    const rate = asanaCollector.rateBudget.unitsPerSecond;
    const worst = worstMinute(last.unitRequests, rate, last.planRequests);
    return {
      projects,
      least: last.least,
      cycles,
      requests: last.requests,
      ratio: Math.max(...cycles.map((c) => c.requests / c.least)),
      wall: summarizeWall(cycles),
      everyTask,
      budget: {
        unitsPerSecond: rate,
        unitsPerMinute: worst.unitsPerMinute,
        worstMinuteRequests: worst.requests,
        limitPerMinute: options.perMinute,
        cycleMinutes: last.unitRequests.length / rate / 60,
      },
    };
  },
  render: renderTable,
  verify(result) {
    const problems = [
      ...(result.ratio > 1.1
        ? [`${result.requests} requests, ${result.ratio.toFixed(3)} × the least possible (goal ≤ 1.1)`]
        : []),
      ...(result.budget.worstMinuteRequests > result.budget.limitPerMinute
        ? [
            `the budget lets a minute see ${result.budget.worstMinuteRequests} requests (limit ${result.budget.limitPerMinute})`,
          ]
        : []),
    ];
    if (problems.length) throw new Error(problems.join('; '));
  },
});
