/** The GitHub bench's results: one record per cycle, the goals, the JSON and the tables printed on stdout. */
import { GROUPS, type GroupName } from '../../src/collectors/github/catalog';
import type { LoggedRequest } from '../../src/fakes/github';
import { machineLine } from '../collector/report';
import type { CollectorBenchResult } from '../collector/spec';
import { formatTable } from '../driver/stats';
import type { GithubBenchOptions } from './args';
import type { RepoBaseline } from './baseline';
import type { CycleRun, MemoryPeak } from './cycle';

export const GOALS = {
  /** Rate-limited requests of any one repo in a warm cycle (the predecessor made about 106). */
  warmRequestsPerRepo: 10,
  /** Wall time of a 50-repo cycle. */
  fiftyReposMs: 15_000,
};

export type CycleKind = 'cold' | 'warm' | 'changed';

export const CYCLE_LABELS: Record<CycleKind, string> = {
  cold: 'cold',
  warm: 'warm, unchanged',
  changed: 'warm, changed',
};

export interface Spread {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

export interface CycleResult {
  readonly repos: number;
  readonly kind: CycleKind;
  readonly asOf: string;
  readonly wallMs: number;
  /** CPU time during the cycle: this process (the collector) and the fake's process. */
  readonly cpu: { readonly collectorMs: number; readonly fakeMs: number };
  readonly memory: MemoryPeak;
  readonly requests: {
    /** Rate-limited requests in the fake's log (`resource` not none, status not 304). */
    readonly charged: number;
    readonly byResource: Record<string, number>;
    /** Conditional requests answered 304 (free). */
    readonly notModified: number;
    /** Other free requests (`GET /rate_limit`). */
    readonly free: number;
    readonly graphqlPoints: number;
    /** Per repo, from the units' own `github.api.requests` points. */
    readonly perRepo: Spread;
    readonly byRepo: Record<string, number>;
    /** Mean per repo, by group. */
    readonly byGroup: Record<GroupName, number>;
    /** Σ of what the units reported: equals `charged` when each unit accounts for what it spent. */
    readonly reportedByUnits: number;
  };
  readonly baseline: {
    readonly pages: number;
    readonly perRepo: Spread;
    /** Mean per repo, by group. */
    readonly byGroup: Record<GroupName, number>;
    /** Σ over repos by listing kind (`files:<sha>` → `files`). */
    readonly listings: Record<string, { items: number; changed: number; pages: number }>;
  };
  /** charged / baseline pages; null when the baseline is 0 pages. */
  readonly ratio: number | null;
  readonly failedUnits: { repo: string; group: string; error: string }[];
  /** What the units logged at warn or error, URLs and times masked, with how often. */
  readonly warnings: { message: string; count: number }[];
  readonly caches: Record<string, { entries: number; bytes: number }>;
}

export function cycleResult(input: {
  repos: number;
  kind: CycleKind;
  asOf: Date;
  run: CycleRun;
  log: readonly LoggedRequest[];
  fakeCpuMs: number;
  baseline: readonly RepoBaseline[];
  caches: CycleResult['caches'];
}): CycleResult {
  const { run, log, baseline } = input;
  const charged = log.filter((r) => r.resource !== 'none' && r.status !== 304);
  const byResource: Record<string, number> = {};
  for (const r of charged) byResource[r.resource] = (byResource[r.resource] ?? 0) + 1;

  const perRepo = new Map<string, number>();
  const byGroup = zeroByGroup();
  let reported = 0;
  for (const u of run.units) {
    const n = Object.values(u.requests).reduce((s, v) => s + v, 0);
    perRepo.set(u.repo, (perRepo.get(u.repo) ?? 0) + n);
    byGroup[u.group] += n / input.repos;
    reported += n;
  }
  const baselineByGroup = zeroByGroup();
  const listings: CycleResult['baseline']['listings'] = {};
  for (const repo of baseline) {
    for (const g of GROUPS) baselineByGroup[g] += repo.byGroup[g] / input.repos;
    for (const l of repo.listings) {
      const kind = l.key.split(':')[0]!;
      const sum = (listings[kind] ??= { items: 0, changed: 0, pages: 0 });
      sum.items += l.items;
      sum.changed += l.changed ?? 0;
      sum.pages += l.pages;
    }
  }
  const pages = baseline.reduce((s, r) => s + r.pages, 0);
  return {
    repos: input.repos,
    kind: input.kind,
    asOf: input.asOf.toISOString(),
    wallMs: run.wallMs,
    cpu: { collectorMs: run.cpuMs, fakeMs: input.fakeCpuMs },
    memory: run.memory,
    requests: {
      charged: charged.length,
      byResource,
      notModified: log.filter((r) => r.status === 304).length,
      free: log.filter((r) => r.resource === 'none').length,
      graphqlPoints: charged.filter((r) => r.resource === 'graphql').reduce((s, r) => s + r.cost, 0),
      perRepo: spread([...perRepo.values()]),
      byRepo: Object.fromEntries(perRepo),
      byGroup,
      reportedByUnits: reported,
    },
    baseline: {
      pages,
      perRepo: spread(baseline.map((r) => r.pages)),
      byGroup: baselineByGroup,
      listings,
    },
    ratio: pages > 0 ? charged.length / pages : null,
    failedUnits: run.units
      .filter((u) => u.error !== undefined)
      .map((u) => ({ repo: u.repo, group: u.group, error: u.error! })),
    warnings: countWarnings(run.units.flatMap((u) => u.warnings)),
    caches: input.caches,
  };
}

function countWarnings(messages: readonly string[]): { message: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const m of messages) {
    const masked = m.replace(/ \/\S+/g, ' <path>').replace(/\d+ ?ms\b/g, '…ms');
    counts.set(masked, (counts.get(masked) ?? 0) + 1);
  }
  return [...counts].map(([message, count]) => ({ message, count })).sort((a, b) => b.count - a.count);
}

function zeroByGroup(): Record<GroupName, number> {
  return Object.fromEntries(GROUPS.map((g) => [g, 0])) as Record<GroupName, number>;
}

function spread(values: readonly number[]): Spread {
  if (!values.length) return { mean: 0, min: 0, max: 0 };
  return {
    mean: values.reduce((s, v) => s + v, 0) / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

export interface GoalResult {
  readonly goal: string;
  readonly measured: string;
  /** Undefined when the bench did not measure it (e.g. no 50-repo run). */
  readonly met?: boolean;
}

export function goals(cycles: readonly CycleResult[]): GoalResult[] {
  const warm = cycles.filter((c) => c.kind !== 'cold');
  const worstWarm = Math.max(...warm.map((c) => c.requests.perRepo.max));
  const fifty = cycles.filter((c) => c.repos === 50);
  const slowest = fifty.length ? Math.max(...fifty.map((c) => c.wallMs)) : undefined;
  return [
    {
      goal: `≤ ${GOALS.warmRequestsPerRepo} rate-limited requests per repo per warm cycle (worst repo)`,
      measured: warm.length ? String(worstWarm) : 'not run',
      ...(warm.length ? { met: worstWarm <= GOALS.warmRequestsPerRepo } : {}),
    },
    {
      goal: `50 repos in under ${GOALS.fiftyReposMs / 1000} s (slowest of the 50-repo cycles)`,
      measured: slowest === undefined ? 'not run (--repos without 50)' : `${(slowest / 1000).toFixed(1)} s`,
      ...(slowest === undefined ? {} : { met: slowest < GOALS.fiftyReposMs }),
    },
  ];
}

/** What the JSON holds after the driver's common fields. */
export interface GithubMeasured {
  readonly change: string;
  readonly dataset: Record<string, number>;
  readonly cycles: CycleResult[];
  readonly goals: GoalResult[];
}

export type GithubBenchResult = CollectorBenchResult<GithubBenchOptions, GithubMeasured>;

const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
const verdict = (met: boolean | undefined) => (met === undefined ? '' : met ? 'ok' : 'MISSED');

export function renderTables(r: GithubBenchResult): string {
  const o = r.options;
  const header =
    `GitHub collector benchmark: ${machineLine(r.environment)}; ` +
    `fake GitHub (own process) answering after ${o.latencyMs} ms; ${o.concurrency} units at once; seed ${o.seed}`;
  const d = r.dataset;
  const data =
    `Each repo is a generated busy repo; in W, per repo on average: ${num(d.runs!)} runs, ${num(d.commits!)} commits, ` +
    `${num(d.merged!)} merged PRs (not bots'), ${num(d.closed!)} closed/merged PRs updated; ${num(d.open!)} open PRs, ` +
    `${num(d.branches!)} branches`;
  const rows: string[][] = [
    [
      'Per repo per cycle',
      'requests',
      'max',
      'REST',
      'GraphQL',
      '304s',
      'least pages',
      '÷ least',
      'GraphQL pts',
      'cycle s',
      'CPU s',
      'peak RSS MB',
      'peak heap MB',
    ],
  ];
  for (const c of r.cycles) {
    const per = (v: number) => num(Math.round((v / c.repos) * 10) / 10);
    rows.push([
      `${repos(c.repos)}, ${CYCLE_LABELS[c.kind]}`,
      per(c.requests.charged),
      String(c.requests.perRepo.max),
      per(c.requests.byResource.core ?? 0),
      per(c.requests.byResource.graphql ?? 0),
      per(c.requests.notModified),
      per(c.baseline.pages),
      c.ratio === null ? '— (0)' : `${c.ratio.toFixed(2)}×`,
      per(c.requests.graphqlPoints),
      (c.wallMs / 1000).toFixed(2),
      `${(c.cpu.collectorMs / 1000).toFixed(1)} + ${(c.cpu.fakeMs / 1000).toFixed(1)}`,
      mb(c.memory.rssPeakBytes),
      mb(c.memory.heapPeakBytes),
    ]);
  }
  const largest = Math.max(...r.cycles.map((c) => c.repos));
  const ofLargest = r.cycles.filter((c) => c.repos === largest);
  const groupRows: string[][] = [
    [
      `By group, ${largest} repos (requests / least pages, per repo)`,
      ...ofLargest.map((c) => CYCLE_LABELS[c.kind]),
    ],
    ...GROUPS.map((g) => [
      g,
      ...ofLargest.map(
        (c) => `${num(round1(c.requests.byGroup[g]))} / ${num(round1(c.baseline.byGroup[g]))}`,
      ),
    ]),
  ];
  const goalRows: string[][] = [
    ['Goal', 'measured', ''],
    ...r.goals.map((g) => [g.goal, g.measured, verdict(g.met)]),
  ];
  const cold = r.cycles.filter((c) => c.kind === 'cold');
  const notes = [
    `requests: rate-limited requests per repo (mean; max = the worst repo), from the fake's log; ` +
      `304s are free; "least pages": the baseline of baseline.ts (⌈items/100⌉ per listing the metrics need, ` +
      `0 for a listing unchanged since the last cycle); "÷ least": requests over least pages ` +
      `(— when the least is 0 pages: every request of that cycle is above it).`,
    `warm, unchanged: 15 min after the cold cycle, same data; warm, changed: 15 min later again, ${r.change}.`,
    `CPU s: CPU time during the cycle of the collector's process + the fake's.`,
    `memory: this process only (the fake runs in its own); peak sampled every 5 ms during the cycle; ` +
      `RSS after GC before the first measured cycle: ${mb(r.cycles[0]?.memory.rssBeforeBytes ?? 0)} MB.`,
    ...cold.map(
      (c) =>
        `${repos(c.repos)} cold: ${c.requests.graphqlPoints} GraphQL points and ` +
        `${c.requests.byResource.core ?? 0} REST requests of a token's 5,000 an hour; ` +
        `caches after it: ${cacheText(c.caches)}.`,
    ),
    ...loggedLines(r.cycles),
    ...r.cycles
      .filter((c) => c.requests.reportedByUnits !== c.requests.charged)
      .map(
        (c) =>
          `WARNING ${repos(c.repos)}, ${CYCLE_LABELS[c.kind]}: the units reported ${c.requests.reportedByUnits} ` +
          `requests, the fake charged ${c.requests.charged}.`,
      ),
  ];
  return [
    header,
    data,
    '',
    formatTable(rows),
    '',
    formatTable(groupRows),
    '',
    formatTable(goalRows),
    '',
    ...notes,
    '',
  ].join('\n');
}

const repos = (n: number) => `${n} repo${n === 1 ? '' : 's'}`;

/** What the units logged at warn or error: one line per message, with its count in each cycle. */
function loggedLines(cycles: readonly CycleResult[]): string[] {
  const messages = [...new Set(cycles.flatMap((c) => c.warnings.map((w) => w.message)))];
  return messages.map((message) => {
    const counts = cycles.flatMap((c) => {
      const n = c.warnings.find((w) => w.message === message)?.count;
      return n ? [`${n} × (${repos(c.repos)}, ${CYCLE_LABELS[c.kind]})`] : [];
    });
    return `the units logged "${message}": ${counts.join(', ')}`;
  });
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

function cacheText(caches: CycleResult['caches']): string {
  return Object.entries(caches)
    .map(([name, c]) => `${name} ${c.entries} entries, ${(c.bytes / 1e6).toFixed(1)} MB`)
    .join('; ');
}
