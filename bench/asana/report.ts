/** The Asana bench's results: requests against the least possible, the budget's worst minute, the table. */
import { machineLine } from '../collector/report';
import type { CollectorBenchResult } from '../collector/spec';
import { formatTable, summarize, type Summary } from '../driver/stats';
import type { AsanaBenchOptions } from '../asana';

/** A request as the fake logged it: what the bench counts. */
export interface ServedRequest {
  readonly status: number;
  /** `tasks`, `status`, `lookup`, `search` or `plan`. */
  readonly kind: string;
}

/** One project as generated, counted in the fake's process from the dataset. */
export interface ProjectServed {
  readonly gid: string;
  readonly tasks: number;
  /** Open, or completed since the start of W: what the listing holds. */
  readonly listed: number;
}

export interface CycleRun {
  /** The least possible requests of this cycle's slot. */
  readonly least: number;
  readonly wallMs: number;
  readonly requests: number;
  readonly byKind: Record<string, number>;
  /** Requests of each unit, in the order the units ran. */
  readonly unitRequests: number[];
  readonly planRequests: number;
  readonly points: number;
  readonly warnings: string[];
}

export interface AsanaMeasured {
  readonly projects: ProjectServed[];
  /** Σ ⌈listed / 100⌉ + 1 status per project, for the last cycle's slot. */
  readonly least: number;
  readonly cycles: CycleRun[];
  /** Requests of the last cycle. */
  readonly requests: number;
  /** The highest of the cycles' requests / least possible. */
  readonly ratio: number;
  readonly wall: Summary;
  /** Every task of every project, 100 a page, plus one status per project, measured. */
  readonly everyTask: { readonly requests: number; readonly wallMs: number };
  readonly budget: {
    readonly unitsPerSecond: number;
    /** Units that can start in one minute at that rate (and one more still running). */
    readonly unitsPerMinute: number;
    /** The costliest units of the cycle that fit in one minute, and the plan: an upper bound. */
    readonly worstMinuteRequests: number;
    readonly limitPerMinute: number;
    /** Minutes a cycle's units take to start at the budget. */
    readonly cycleMinutes: number;
  };
}

export type AsanaBenchResult = CollectorBenchResult<AsanaBenchOptions, AsanaMeasured>;

/** Requests of the least possible cycle: the pages the listings need and one status per project. */
export function leastRequests(projects: readonly ProjectServed[]): number {
  return projects.reduce((n, p) => n + Math.max(1, Math.ceil(p.listed / 100)) + 1, 0);
}

/**
 * The most requests one minute can see at the declared budget: units start at most `unitsPerSecond`
 * a second, so a minute holds at most 60 × that many starts, plus one unit started just before it
 * and still running; the costliest of the cycle's units are taken, and the plan's requests added.
 */
export function worstMinute(unitRequests: readonly number[], unitsPerSecond: number, planRequests: number) {
  const unitsPerMinute = Math.floor(60 * unitsPerSecond) + 1;
  const costliest = [...unitRequests].sort((a, b) => b - a).slice(0, unitsPerMinute);
  return { unitsPerMinute, requests: costliest.reduce((n, r) => n + r, 0) + planRequests };
}

const s = (ms: number) => (ms / 1000).toFixed(2);

export function renderTable(r: AsanaBenchResult): string {
  const o = r.options;
  const header =
    `Asana collector benchmark: ${machineLine(r.environment)}; fake Asana (own process) answering after ` +
    `${o.latencyMs} ms; ${o.projects} projects × ${o.tasks} tasks (${o.open} open each, completions over a year); ` +
    `${o.cycles} cycles after a warm-up, ${o.concurrency} units at once`;
  const last = r.cycles[r.cycles.length - 1]!;
  const kinds = ['plan', 'tasks', 'lookup', 'search', 'status'];
  const table = formatTable([
    ['', 'requests', 'plan/tasks/look-ups/search/status', 'ratio', 'wall s median', 'max'],
    [
      'a cycle',
      String(r.requests),
      kinds.map((k) => last.byKind[k] ?? 0).join('/'),
      r.ratio.toFixed(3),
      s(r.wall.median),
      s(r.wall.max),
    ],
    ['least possible', String(r.least), `–/${r.least - o.projects}/0/0/${o.projects}`, '1.000', '', ''],
    [
      'read every task',
      String(r.everyTask.requests),
      '',
      (r.everyTask.requests / r.least).toFixed(3),
      s(r.everyTask.wallMs),
      '',
    ],
  ]);
  const b = r.budget;
  const notes = [
    `least possible: ⌈(open + completed in W) / 100⌉ pages per project and one status request (dependencies ` +
      `and the plan not counted); ratio: requests / least possible.`,
    `read every task: every task of every project, 100 a page, and the status requests, measured (what a ` +
      `collector without completed_since reads).`,
    `budget: ${b.unitsPerSecond} unit starts a second lets ${b.unitsPerMinute} units run in a minute; the ` +
      `${b.unitsPerMinute} costliest units of the cycle and the plan make ${b.worstMinuteRequests} requests ` +
      `(limit ${b.limitPerMinute} a minute: ${b.worstMinuteRequests <= b.limitPerMinute ? 'inside' : 'OVER'}); ` +
      `a cycle's ${last.unitRequests.length} units take ${b.cycleMinutes.toFixed(1)} minutes to start at that rate.`,
    `wall: the plan and every unit, ${o.concurrency} at a time, without the budget's pacing (what a cycle costs ` +
      `in time when the rate is no constraint). Each cycle is a slot of its own, a minute apart, after a warm-up an ` +
      `hour earlier: no search or answer of one cycle serves the next.`,
    ...[...new Set(r.cycles.flatMap((c) => c.warnings))].map((w) => `the units logged "${w}"`),
  ];
  return [header, '', table, '', ...notes, ''].join('\n');
}

export function summarizeWall(cycles: readonly CycleRun[]): Summary {
  return summarize(cycles.map((c) => c.wallMs));
}
