/** The github-org bench's aggregates (cold first hour, steady state, against one token's budget) and its table. */
import { machineLine } from '../collector/report';
import type { MachineUnderLoad } from '../driver/results';
import { formatTable } from '../driver/stats';
import { nodeOptions } from './replicas';
import type { GithubOrgOptions } from './args';
import type { OrgDataset } from './fake';
import { READING_MODES, type ReadingName } from './readings';
import type { SlotRow } from './slot';

/** One personal token per 15-minute cycle: its 5,000 REST requests and 5,000 GraphQL points an hour, over 4 cycles. */
export const TOKEN_BUDGET_PER_CYCLE = { rest: 1_250, graphqlPoints: 1_250 } as const;
/** Slots of the first hour. */
export const FIRST_HOUR_SLOTS = 4;

export interface Aggregates {
  readonly cold: {
    /** Σ over the first hour's slots (fewer when the run had fewer). */
    readonly restRequestsFirstHour: number;
    readonly graphqlPointsFirstHour: number;
    readonly slots: readonly number[];
    /** Of one token's hour (4 × the per-cycle budget): 1 is all of it. */
    readonly restOfTokenHour: number;
    readonly graphqlOfTokenHour: number;
  };
  /** Null when no warm slot ran. */
  readonly steady: {
    readonly restRequestsPerCycle: number;
    readonly graphqlPointsPerCycle: number;
    readonly wallSeconds: number;
    readonly slots: readonly number[];
    readonly basis: string;
    /** Of one token's 15-minute budget: 1 is all of it. */
    readonly restOfTokenCycle: number;
    readonly graphqlOfTokenCycle: number;
    /** Wall time over the 15-minute interval: above 1, cycles overlap or fall behind. */
    readonly wallOfInterval: number;
  } | null;
  /** Peak RSS of the worst replica over every slot. */
  readonly rssMB: number;
}

export function aggregate(rows: readonly SlotRow[]): Aggregates {
  const firstHour = rows.filter((r) => r.slot <= FIRST_HOUR_SLOTS);
  const restFirstHour = sum(firstHour.map((r) => r.restRequests));
  const graphqlFirstHour = sum(firstHour.map((r) => r.graphqlPoints));
  const hour = FIRST_HOUR_SLOTS;
  const warm = rows.filter((r) => r.kind === 'warm');
  const afterHour = warm.filter((r) => r.slot > FIRST_HOUR_SLOTS);
  const steadyRows = afterHour.length ? afterHour : warm;
  const mean = (f: (r: SlotRow) => number) => round(sum(steadyRows.map(f)) / steadyRows.length);
  const steady = steadyRows.length
    ? {
        restRequestsPerCycle: mean((r) => r.restRequests),
        graphqlPointsPerCycle: mean((r) => r.graphqlPoints),
        wallSeconds: mean((r) => r.wallSeconds),
        slots: steadyRows.map((r) => r.slot),
        basis: afterHour.length ? 'mean of the warm slots after the first hour' : 'mean of the warm slots',
      }
    : null;
  return {
    cold: {
      restRequestsFirstHour: restFirstHour,
      graphqlPointsFirstHour: graphqlFirstHour,
      slots: firstHour.map((r) => r.slot),
      restOfTokenHour: ratio(restFirstHour, hour * TOKEN_BUDGET_PER_CYCLE.rest),
      graphqlOfTokenHour: ratio(graphqlFirstHour, hour * TOKEN_BUDGET_PER_CYCLE.graphqlPoints),
    },
    steady: steady && {
      ...steady,
      restOfTokenCycle: ratio(steady.restRequestsPerCycle, TOKEN_BUDGET_PER_CYCLE.rest),
      graphqlOfTokenCycle: ratio(steady.graphqlPointsPerCycle, TOKEN_BUDGET_PER_CYCLE.graphqlPoints),
      wallOfInterval: ratio(steady.wallSeconds, 15 * 60),
    },
    rssMB: Math.max(0, ...rows.flatMap((r) => r.rssPeakMB)),
  };
}

/** What one reading measured. */
export interface ReadingResult extends Aggregates {
  readonly reading: { readonly name: string; readonly description: string; readonly token: string };
  readonly dataset: OrgDataset;
  readonly deployment: { readonly name: string; readonly configFile: string; readonly taskQueue: string };
  readonly slots: readonly SlotRow[];
  /** Warn and error log lines of the replicas, by message. */
  readonly logged: Record<string, number>;
}

/** The first reading's figures at the top (steady.*, cold.*, rssMB), the baselines beside them. */
export interface GithubOrgResult extends ReadingResult {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly environment: MachineUnderLoad & {
    readonly temporal: { readonly address: string; readonly namespace: string; readonly devServer: boolean };
  };
  readonly options: GithubOrgOptions;
  readonly budget: typeof TOKEN_BUDGET_PER_CYCLE;
  readonly baselines: readonly (ReadingResult & { readonly versus: ReturnType<typeof compareReadings> })[];
}

function readingTable(r: ReadingResult, o: GithubOrgOptions, env: GithubOrgResult['environment']): string {
  const d = r.dataset;
  const header = [
    `GitHub collector at organization scale (reading ${r.reading.name}: ${r.reading.description})`,
    `${machineLine(env)}; Temporal ${env.temporal.devServer ? 'dev server' : env.temporal.address}; ` +
      `${o.replicas} worker replicas (processes, NODE_OPTIONS=${nodeOptions(o.heapMiB)}); fake GitHub (own process) answering after ${o.latencyMs} ms; seed ${o.seed}`,
    `Organization acme: ${d.repos} repos, ${d.busy} busy (the github bench's), ${d.quiet} quiet over a year ` +
      `(mean ${d.quietRepos.meanCommits} commits, ${d.quietRepos.meanPulls} PRs, ${d.quietRepos.meanRuns} runs; ` +
      `${pct(d.quietRepos.activeInWeek)} active in the last 7 days, ${pct(d.quietRepos.idleTwoWeeks)} untouched for 14 days or more)`,
  ];
  const replicas = Array.from({ length: o.replicas }, (_, i) => `RSS r${i + 1} MB`);
  const rows: string[][] = [
    [
      'Slot',
      'units',
      'failed',
      'skipped',
      'REST',
      '304s',
      'GraphQL pts',
      'GraphQL req',
      'wall s',
      ...replicas,
      'events',
      'children',
      'largest event B',
      'points',
    ],
    ...r.slots.map((s) => [
      `${s.slot} ${s.kind}${s.restartedReplica ? ' (r1 restarted)' : ''}`,
      String(s.units),
      String(s.failedUnits),
      String(s.skippedUnits),
      String(s.restRequests),
      String(s.notModified),
      String(s.graphqlPoints),
      String(s.graphqlRequests),
      s.wallSeconds.toFixed(1),
      ...s.rssPeakMB.map((m) => m.toFixed(0)),
      `${s.history.cycle.events} + ${s.history.children.events}`,
      String(s.history.children.count),
      `${s.history.largestEventBytes} (${s.history.largestEvent})`,
      String(s.pointsReceived),
    ]),
  ];
  const budget = TOKEN_BUDGET_PER_CYCLE;
  const c = r.cold;
  const s = r.steady;
  const summary: string[][] = [
    ['Against one token per 15-minute cycle', 'REST', 'GraphQL points', 'wall s', 'worst RSS MB'],
    [
      `cold first hour (slots ${range(c.slots)}), Σ`,
      `${c.restRequestsFirstHour} (${times(c.restOfTokenHour)} of ${4 * budget.rest})`,
      `${c.graphqlPointsFirstHour} (${times(c.graphqlOfTokenHour)} of ${4 * budget.graphqlPoints})`,
      '',
      '',
    ],
    s
      ? [
          `steady state per cycle (slots ${range(s.slots)})`,
          `${s.restRequestsPerCycle} (${times(s.restOfTokenCycle)} of ${budget.rest})`,
          `${s.graphqlPointsPerCycle} (${times(s.graphqlOfTokenCycle)} of ${budget.graphqlPoints})`,
          `${s.wallSeconds.toFixed(0)} (${times(s.wallOfInterval)} of 900)`,
          r.rssMB.toFixed(0),
        ]
      : ['steady state per cycle', 'no warm slot (--slots 1)', '', '', r.rssMB.toFixed(0)],
  ];
  const notes = [
    `REST: rate-limited REST requests (304s free, counted apart); GraphQL pts: points charged; both from the fake GitHub's log, ` +
      `the plan's org listing included. wall: start to close of the cycle workflow; the engine starts units at the ` +
      `collector's rate budget (units/s on each replica's own queue: a repo's units go to one replica), each replica ` +
      `paces its requests. skipped: units the ` +
      `budget planner left out of the cycle (no point, no failure). RSS: peak of each replica's process during the slot ` +
      `(sampled every 0.5 s). events: the cycle workflow's history events + its children's (the batches); largest event: ` +
      `of all of them, encoded, and which it is. points: accepted by the fake Datadog intake.`,
    r.reading.token === 'personal'
      ? 'Token: the fake answers as one personal token, refilled every 4 slots (an hour of slots), its reset set so that a planner sees as many cycles to it as the hour has slots left.'
      : 'Token: the fake never refuses (this reading does not plan its spending): the figures are its demand.',
    `Budget: one personal token has 5,000 REST requests and 5,000 GraphQL points an hour: ${budget.rest} of each per ` +
      `15-minute cycle; "×" is the share of it spent (above 1×: one token cannot keep up).`,
    ...(s ? [`steady state: ${s.basis}.`] : []),
    ...r.slots
      .filter((x) => x.activity)
      .slice(0, 1)
      .map(
        (x) =>
          `Between slots: ${x.activity!.repos.length} repos change (${x.activity!.commits} commits, ` +
          `${x.activity!.pulls} PRs, ${x.activity!.runs} runs): every busy repo and a few quiet ones.`,
      ),
    ...Object.entries(r.logged)
      .filter(([msg]) => !msg.startsWith('No workflows registered'))
      .sort(([, a], [, b]) => b - a)
      .slice(0, 5)
      .map(([msg, n]) => `the replicas logged ${n} × "${msg}"`),
    ...r.slots
      .filter((x) => x.failedUnits > 0 || x.mode !== 'manual')
      .map(
        (x) =>
          `WARNING slot ${x.slot}: mode ${x.mode}, ${x.failedUnits} unit(s) failed` +
          (x.firstError ? `; first: ${x.firstError.slice(0, 300)}` : ''),
      ),
  ];
  return [...header, '', formatTable(rows), '', formatTable(summary), '', ...notes, ''].join('\n');
}

export function renderTable(r: GithubOrgResult): string {
  const versus = r.baselines.map((b) => {
    const v = b.versus;
    const x = (n: number | null) => (n === null ? '—' : times(n));
    return (
      `${r.reading.name} over ${b.reading.name}, steady state per cycle: REST ${x(v.steadyRestPerCycle)}, ` +
      `GraphQL points ${x(v.steadyGraphqlPointsPerCycle)}, wall ${x(v.steadyWallSeconds)}; worst RSS ${times(v.rssMB)}`
    );
  });
  return [
    readingTable(r, r.options, r.environment),
    ...r.baselines.map(
      (b) => `Baseline, measured in the same run\n${readingTable(b, r.options, r.environment)}`,
    ),
    ...versus,
    '',
  ].join('\n');
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

function ratio(a: number, b: number): number {
  return Math.round((a / b) * 1000) / 1000;
}

const times = (v: number) => `${v.toFixed(2)}×`;
const pct = (v: number) => `${Math.round(v * 100)} %`;
const range = (slots: readonly number[]) =>
  slots.length > 1 ? `${slots[0]}–${slots[slots.length - 1]}` : String(slots[0] ?? '—');

export function readingOf(name: ReadingName) {
  const { description, token } = READING_MODES[name];
  return { name, description, token };
}

/** The measured reading over a baseline of the same run: below 1, the measured one spends less. */
export function compareReadings(measured: ReadingResult, baseline: ReadingResult) {
  const m = measured.steady;
  const b = baseline.steady;
  return {
    steadyRestPerCycle: m && b ? ratio(m.restRequestsPerCycle, Math.max(1, b.restRequestsPerCycle)) : null,
    steadyGraphqlPointsPerCycle:
      m && b ? ratio(m.graphqlPointsPerCycle, Math.max(1, b.graphqlPointsPerCycle)) : null,
    steadyWallSeconds: m && b ? ratio(m.wallSeconds, Math.max(1, b.wallSeconds)) : null,
    rssMB: ratio(measured.rssMB, Math.max(1, baseline.rssMB)),
  };
}
