/** The W&B bench's results: one record per project size, the JSON and the table printed on stdout. */
import type { MeasuredCycle } from '../collector/cycle';
import { machineLine } from '../collector/report';
import type { CollectorBenchResult } from '../collector/spec';
import { formatTable, summarize, type Summary } from '../driver/stats';
import type { WandbBenchOptions } from '../wandb';

/** A request as the fake logged it (its variables left in the fake's process). */
export interface ServedRequest {
  readonly status: number;
  readonly operation: string;
}

export interface ProjectServed {
  readonly name: string;
  readonly runs: number;
  /** Runs whose lifetime overlaps W, counted from the dataset. */
  readonly touching: number;
  readonly sweeps: number;
}

type Cycle = MeasuredCycle<{ points: number; warnings: string[] }>;

export interface SizeResult {
  readonly project: ProjectServed;
  /** The goal: 2 + ⌈runs touching W / page size⌉. */
  readonly goal: number;
  /** The most requests of a measured cycle. */
  readonly requests: number;
  /** Requests of the last cycle by operation. */
  readonly byOperation: Record<string, number>;
  readonly cycles: {
    wallMs: number;
    cpuMs: number;
    fakeCpuMs: number;
    requests: number;
    rssPeakBytes: number;
  }[];
  readonly wall: Summary;
  readonly rssPeakBytes: number;
  readonly points: number;
  readonly warnings: string[];
  /** Every run read, 100 a page. */
  readonly baseline?: { requests: number; runs: number; wallMs: number; rssPeakBytes: number };
}

export function sizeResult(input: {
  project: ProjectServed;
  pageSize: number;
  runs: readonly { run: Cycle; requests: readonly ServedRequest[]; fakeCpuMs: number }[];
  baseline: { run: MeasuredCycle<number>; requests: readonly ServedRequest[] } | undefined;
}): SizeResult {
  const cycles = input.runs.map(({ run, requests, fakeCpuMs }) => ({
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    fakeCpuMs,
    requests: requests.length,
    rssPeakBytes: run.memory.rssPeakBytes,
  }));
  const last = input.runs[input.runs.length - 1]!;
  const byOperation: Record<string, number> = {};
  for (const r of last.requests) byOperation[r.operation] = (byOperation[r.operation] ?? 0) + 1;
  const failed = input.runs.flatMap((r) => r.requests.filter((q) => q.status !== 200));
  if (failed.length)
    throw new Error(`${failed.length} requests failed during the cycles of ${input.project.name}`);
  return {
    project: input.project,
    goal: 2 + Math.ceil(input.project.touching / input.pageSize),
    requests: Math.max(...cycles.map((c) => c.requests)),
    byOperation,
    cycles,
    wall: summarize(cycles.map((c) => c.wallMs)),
    rssPeakBytes: Math.max(...cycles.map((c) => c.rssPeakBytes)),
    points: last.run.result.points,
    warnings: [...new Set(input.runs.flatMap((r) => r.run.result.warnings))],
    ...(input.baseline
      ? {
          baseline: {
            requests: input.baseline.requests.length,
            runs: input.baseline.run.result,
            wallMs: input.baseline.run.wallMs,
            rssPeakBytes: input.baseline.run.memory.rssPeakBytes,
          },
        }
      : {}),
  };
}

export interface WandbMeasured {
  readonly projects: ProjectServed[];
  readonly sizes: SizeResult[];
}

export type WandbBenchResult = CollectorBenchResult<WandbBenchOptions, WandbMeasured>;

const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const s = (ms: number) => (ms / 1000).toFixed(2);

export function renderTable(r: WandbBenchResult): string {
  const o = r.options;
  const header =
    `W&B collector benchmark: ${machineLine(r.environment)}; fake W&B (own process) answering after ` +
    `${o.latencyMs} ms; projects over a year with ${o.recent} runs in the last 8 days; ` +
    `${o.cycles} cycles per project after a warm-up`;
  const table = formatTable([
    [
      'project runs',
      'touching W',
      'requests',
      'counts/runs/sweeps',
      'goal 2+⌈t/100⌉',
      'wall s median',
      'max',
      'peak RSS MB',
      'fake CPU s',
      'scan every run: requests',
      'wall s',
      'peak RSS MB',
    ],
    ...r.sizes.map((size) => [
      size.project.runs.toLocaleString('en-US'),
      String(size.project.touching),
      String(size.requests),
      ['CollectorCounts', 'CollectorRuns', 'CollectorSweeps']
        .map((op) => size.byOperation[op] ?? 0)
        .join('/'),
      String(size.goal),
      s(size.wall.median),
      s(size.wall.max),
      mb(size.rssPeakBytes),
      s(summarize(size.cycles.map((c) => c.fakeCpuMs)).median),
      size.baseline ? String(size.baseline.requests) : '–',
      size.baseline ? s(size.baseline.wallMs) : '–',
      size.baseline ? mb(size.baseline.rssPeakBytes) : '–',
    ]),
  ]);
  const notes = [
    `touching W: runs created by asOf and running or heard from after asOf − 7 d, counted from the dataset.`,
    `a cycle: the counts, runs and sweeps units of the project at once; wall and RSS of this process (the fake runs in its own), ` +
      `RSS sampled every 2 ms.`,
    `fake CPU s: the fake's CPU time during a cycle (median). The fake keeps the answer to each filter (its data never ` +
      `changes), as an indexed database answers in time that follows the result: measured cycles, after the warm-up, time ` +
      `the collector and the wire, not the fake scanning the project.`,
    `scan every run: every run of the project, 100 a page, with the fields the collector reads (what the predecessor did).`,
    ...r.sizes.flatMap((size) => size.warnings.map((w) => `${size.project.name}: the units logged "${w}"`)),
  ];
  return [header, '', table, '', ...notes, ''].join('\n');
}
