/** The bench's results: goals, the JSON written to out/bench, and the table printed on stdout. */
import type { Environment } from '../driver/temporal';
import type { BenchOptions } from './args';
import type { LatencyRun, MemoryCheckpoint, MemoryRun } from './measure';
import { formatTable, summarize, type Summary } from '../driver/stats';

export const GOALS = {
  overheadMedianMs: 300,
  /** Decimal megabytes: 250 MB = 250,000,000 bytes. */
  rssBytes: 250e6,
  /** RSS at the end within this fraction of RSS at mid-run. */
  rssDrift: 0.1,
};

export interface LatencySetup {
  readonly targets: number;
  readonly groups: number;
  readonly sleepMs: number;
}

export function latencyResult(setup: LatencySetup & { pauseMs: number }, run: LatencyRun) {
  const samples = run.samples;
  const overheadMs = samples.map((s) => s.cycle.wallMs - setup.sleepMs);
  const overhead = summarize(overheadMs);
  const bareMs = samples.map((s) => s.bare.wallMs);
  const bare = summarize(bareMs);
  return {
    ...setup,
    units: setup.targets * setup.groups,
    warmup: run.warmup,
    engine: {
      workflowIds: samples.map((s) => s.cycle.workflowId),
      wallMs: samples.map((s) => s.cycle.wallMs),
      collectMs: samples.map((s) => s.cycle.collectMs),
      dispatchWaitMs: samples.map((s) => s.cycleDispatchWaitMs),
      overheadMs,
      overhead,
    },
    bare: {
      workflowIds: samples.map((s) => s.bare.workflowId),
      wallMs: bareMs,
      dispatchWaitMs: samples.map((s) => s.bareDispatchWaitMs),
      summary: bare,
    },
    /** Median engine overhead over median bare workflow. */
    ratio: overhead.median / bare.median,
    goal: { overheadMedianBelowMs: GOALS.overheadMedianMs, met: overhead.median < GOALS.overheadMedianMs },
  };
}

export function memoryResult(
  setup: { units: number; sleepMs: number; cycles: number; rssBeforeWorkersBytes: number },
  run: MemoryRun,
) {
  const mid = Math.floor(setup.cycles / 2);
  const at = (cycle: number): MemoryCheckpoint => {
    const c = run.checkpoints.find((p) => p.cycle === cycle);
    if (!c) throw new Error(`no memory reading at cycle ${cycle}`);
    return c;
  };
  const rssMid = at(mid).rssBytes;
  const rssEnd = at(setup.cycles).rssBytes;
  const drift = Math.abs(rssEnd - rssMid) / rssMid;
  return {
    ...setup,
    gcExposed: run.gcExposed,
    checkpoints: run.checkpoints,
    cycleWallMs: run.cycleWallMs,
    cycleWall: summarize(run.cycleWallMs),
    rssPerCycleBytes: run.rssPerCycleBytes,
    rssPeakBytes: Math.max(...run.rssPerCycleBytes, ...run.checkpoints.map((c) => c.rssBytes)),
    midCycle: mid,
    rssMidBytes: rssMid,
    rssEndBytes: rssEnd,
    /** RSS at the end over RSS at mid-run. */
    ratio: rssEnd / rssMid,
    goals: {
      rssBelowBytes: GOALS.rssBytes,
      rssMet: rssMid < GOALS.rssBytes && rssEnd < GOALS.rssBytes,
      maxDrift: GOALS.rssDrift,
      stableMet: drift <= GOALS.rssDrift,
    },
  };
}

export interface EngineBenchResult {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly environment: Environment;
  readonly options: BenchOptions;
  readonly latency: ReturnType<typeof latencyResult>;
  readonly memory: ReturnType<typeof memoryResult>;
  readonly sink: { readonly points: number; readonly calls: number };
}

const ms = (v: number) => v.toFixed(1);
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const verdict = (met: boolean) => (met ? 'ok' : 'MISSED');
const row = (label: string, s: Summary, goal = '', met = '') => [
  label,
  ms(s.median),
  ms(s.min),
  ms(s.max),
  goal,
  met,
];

export function renderTable(r: EngineBenchResult): string {
  const env = r.environment;
  const l = r.latency;
  const m = r.memory;
  const server = env.temporal.devServer ? 'dev server' : 'server';
  const header = `Engine benchmark: node ${env.node}, ${env.cpus} CPUs, Temporal ${server} ${env.temporal.address}`;
  const latency = formatTable([
    [`Latency, start → result (ms, ${l.engine.wallMs.length} samples)`, 'median', 'min', 'max', 'goal', ''],
    row(
      `engine overhead (${l.targets}×${l.groups} units of ${l.sleepMs} ms)`,
      l.engine.overhead,
      `< ${GOALS.overheadMedianMs}`,
      verdict(l.goal.met),
    ),
    row('  whole cycle', summarize(l.engine.wallMs)),
    row('  collect phase seen by the workflow', summarize(l.engine.collectMs)),
    row('  tasks waiting in the server', summarize(l.engine.dispatchWaitMs)),
    row('bare workflow (1 no-op activity)', l.bare.summary),
    row('  tasks waiting in the server', summarize(l.bare.dispatchWaitMs)),
    ['engine overhead / bare workflow', `${l.ratio.toFixed(1)}×`, '', '', '', ''],
  ]);
  const memory = formatTable([
    [
      `Worker RSS after GC (MB; ${m.cycles} cycles of ${m.units} units, ${m.sleepMs} ms)`,
      'RSS',
      'heap',
      'goal',
      '',
    ],
    ...m.checkpoints
      .filter((c) => c.cycle === 0 || c.cycle === m.midCycle || c.cycle === m.cycles)
      .map((c) => {
        const goal =
          c.cycle === 0 ? ['', ''] : [`< ${GOALS.rssBytes / 1e6}`, verdict(c.rssBytes < GOALS.rssBytes)];
        return [
          c.cycle === 0 ? 'workers started, no cycle yet' : `after cycle ${c.cycle}`,
          mb(c.rssBytes),
          mb(c.heapUsedBytes),
          ...goal,
        ];
      }),
    [
      `cycle ${m.cycles} / cycle ${m.midCycle}`,
      `${m.ratio.toFixed(3)}×`,
      '',
      `±${GOALS.rssDrift * 100} %`,
      verdict(m.goals.stableMet),
    ],
  ]);
  const notes = [
    `RSS before the workers started: ${mb(m.rssBeforeWorkersBytes)} MB; ` +
      `peak during the memory phase: ${mb(m.rssPeakBytes)} MB`,
    `memory-phase cycles took ${ms(m.cycleWall.median)} ms (median), ${ms(m.cycleWall.max)} ms (max)`,
    ...(m.gcExposed ? [] : ['node ran without --expose-gc: RSS was read without a full GC']),
  ];
  return [header, '', latency, '', memory, '', ...notes, ''].join('\n');
}
