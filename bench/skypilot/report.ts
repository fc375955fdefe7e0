/** The SkyPilot bench's results: one record per settings row, the JSON and the table printed on stdout. */
import type { MeasuredCycle } from '../collector/cycle';
import { machineLine } from '../collector/report';
import type { CollectorBenchResult } from '../collector/spec';
import { formatTable, summarize, type Summary } from '../driver/stats';
import type { SkyPilotBenchOptions } from '../skypilot';

/** A request as the fake logged it. */
export interface ServedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

/** One cycle: the points both units returned and what they logged at warn or error. */
export type SkyPilotCycle = MeasuredCycle<{ points: number; warnings: string[] }>;

/** The largest `pageSize` the settings accept; the server takes any `limit`. */
export const MAX_PAGE_SIZE = 10_000;

/**
 * The least requests a cycle can make for a queue of `jobs` top-level jobs: each group is one
 * asynchronous call, a POST and one GET of its result, and the whole queue fits one page when it
 * has at most MAX_PAGE_SIZE jobs (the `jobs` group needs a POST and a GET per page).
 */
export function leastRequests(jobs: number): { jobs: number; clusters: number; total: number } {
  const pages = Math.max(1, Math.ceil(jobs / MAX_PAGE_SIZE));
  return { jobs: 2 * pages, clusters: 2, total: 2 * pages + 2 };
}

export interface RowResult {
  /** The settings of the row, as the collector parsed them. */
  readonly label: string;
  readonly options: Record<string, unknown>;
  readonly pageSize: number;
  readonly concurrency: number;
  /** Per measured cycle. */
  readonly cycles: {
    readonly wallMs: number;
    readonly cpuMs: number;
    readonly fakeCpuMs: number;
    readonly requests: number;
    readonly points: number;
    readonly heapDeltaPeakBytes: number;
    readonly rssPeakBytes: number;
  }[];
  /** Requests of the last cycle, by method and path. */
  readonly requestsByPath: Record<string, number>;
  /** Requests per cycle by group: each POST and the GET of its result. */
  readonly byGroup: { readonly jobs: number; readonly clusters: number };
  readonly requests: number;
  readonly ratio: number;
  readonly wall: Summary;
  readonly heapDeltaPeakBytes: number;
  readonly rssPeakBytes: number;
  readonly rssBeforeBytes: number;
  readonly points: number;
  readonly warnings: string[];
}

export function rowResult(input: {
  label: string;
  options: Record<string, unknown>;
  pageSize: number;
  concurrency: number;
  least: number;
  runs: readonly { run: SkyPilotCycle; requests: readonly ServedRequest[]; fakeCpuMs: number }[];
}): RowResult {
  const cycles = input.runs.map(({ run, requests, fakeCpuMs }) => ({
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    fakeCpuMs,
    requests: requests.length,
    points: run.result.points,
    heapDeltaPeakBytes: run.memory.heapPeakBytes - run.memory.heapBeforeBytes,
    rssPeakBytes: run.memory.rssPeakBytes,
  }));
  const last = input.runs[input.runs.length - 1]!;
  const requestsByPath: Record<string, number> = {};
  for (const r of last.requests) {
    const key = `${r.method} ${r.path}`;
    requestsByPath[key] = (requestsByPath[key] ?? 0) + 1;
  }
  const results = requestsByPath['GET /api/get'] ?? 0;
  const posts = (path: string) => requestsByPath[`POST ${path}`] ?? 0;
  const calls = posts('/jobs/queue/v2') + posts('/jobs/queue') + posts('/status');
  if (results !== calls) {
    throw new Error(`${calls} calls but ${results} GET /api/get: the requests cannot be split by group`);
  }
  const requests = Math.max(...cycles.map((c) => c.requests));
  return {
    label: input.label,
    options: input.options,
    pageSize: input.pageSize,
    concurrency: input.concurrency,
    cycles,
    requestsByPath,
    byGroup: { jobs: 2 * (posts('/jobs/queue/v2') + posts('/jobs/queue')), clusters: 2 * posts('/status') },
    requests,
    ratio: requests / input.least,
    wall: summarize(cycles.map((c) => c.wallMs)),
    heapDeltaPeakBytes: Math.max(...cycles.map((c) => c.heapDeltaPeakBytes)),
    rssPeakBytes: Math.max(...cycles.map((c) => c.rssPeakBytes)),
    rssBeforeBytes: Math.min(...input.runs.map((r) => r.run.memory.rssBeforeBytes)),
    points: last.run.result.points,
    warnings: [...new Set(input.runs.flatMap((r) => r.run.result.warnings))],
  };
}

/** What the JSON holds after the driver's common fields. */
export interface SkyPilotMeasured {
  readonly queue: { readonly jobs: number; readonly rows: number; readonly clusters: number };
  readonly least: ReturnType<typeof leastRequests>;
  readonly rows: RowResult[];
}

export type SkyPilotBenchResult = CollectorBenchResult<SkyPilotBenchOptions, SkyPilotMeasured>;

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const ms = (v: number) => v.toFixed(0);

export function renderTable(r: SkyPilotBenchResult): string {
  const o = r.options;
  const header =
    `SkyPilot collector benchmark: ${machineLine(r.environment)}; fake API server (own process) answering after ` +
    `${o.latencyMs} ms; a queue of ${r.queue.jobs} jobs (${r.queue.rows} rows), ${r.queue.clusters} clusters; ` +
    `${o.cycles} cycles per row after a warm-up`;
  const table = formatTable([
    [
      'Cycle: jobs + clusters units at once',
      'requests',
      'jobs',
      'clusters',
      `÷ least (${r.least.total})`,
      'wall ms median',
      'min',
      'max',
      'CPU ms',
      'peak heap Δ MB',
      'peak RSS MB',
      'points',
    ],
    ...r.rows.map((row) => [
      row.label,
      String(row.requests),
      String(row.byGroup.jobs),
      String(row.byGroup.clusters),
      `${row.ratio.toFixed(1)}×`,
      ms(row.wall.median),
      ms(row.wall.min),
      ms(row.wall.max),
      `${ms(summarize(row.cycles.map((c) => c.cpuMs)).median)} + ${ms(summarize(row.cycles.map((c) => c.fakeCpuMs)).median)}`,
      mb(row.heapDeltaPeakBytes),
      mb(row.rssPeakBytes),
      String(row.points),
    ]),
  ]);
  const notes = [
    `least: ${r.least.total} requests (jobs ${r.least.jobs}: the whole queue in one page, POST + GET of its result; ` +
      `clusters ${r.least.clusters}: POST /status + GET).`,
    `CPU ms: median CPU time during a cycle of the collector's process + the fake's.`,
    `memory: this process only (the fake runs in its own); peak heap Δ = highest heap reading during a cycle ` +
      `minus the heap after a full GC before it (max over the cycles), sampled every 2 ms; ` +
      `RSS after GC before a cycle: ${mb(Math.min(...r.rows.map((row) => row.rssBeforeBytes)))} MB.`,
    ...r.rows.flatMap((row) => row.warnings.map((w) => `${row.label}: the units logged "${w}"`)),
  ];
  return [header, '', table, '', ...notes, ''].join('\n');
}
