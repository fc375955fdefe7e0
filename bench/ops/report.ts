/** The ops bench's results: the JSON written to out/bench/ops.json and the table printed on stdout. */
import { formatDuration } from '../../src/time/duration';
import type { Environment } from '../driver/temporal';
import { formatTable } from '../driver/stats';
import { FULL_OUTAGE_MS, type OpsOptions } from './args';
import type { BackfillResult } from './backfill';
import type { Percentiles } from './context';
import type { LatencyResult } from './latency';
import type { DeadlineResult, DrillResult } from './outage';
import type { Tally } from './slots';

/** The reference scenario next to what this run does, in words that go into the JSON and the table. */
export function compression(options: OpsOptions, intervalSeconds: number, realIntervalMinutes: number) {
  const outage = formatDuration(options.outageMs);
  const slots = Math.round(options.outageMs / 1000 / intervalSeconds);
  const timeFactor = Math.round((realIntervalMinutes * 60) / intervalSeconds);
  const compressed = options.outageMs < FULL_OUTAGE_MS;
  const schedule =
    `schedule every ${intervalSeconds}s instead of ${realIntervalMinutes}m (×${timeFactor} more slots per minute), ` +
    `so the outage spans ${slots} slots`;
  const rule =
    'A slot is lost only if the intake stays down past its deadline (55m after the slot): any outage shorter ' +
    'than that, minus one 30s retry gap, must lose nothing.';
  const deadline =
    'The deadline itself is reached by starting cycles whose asOf is ~55m old, not by waiting 55 minutes.';
  return {
    scenario: `Datadog intake down 30m; a collector on a ${realIntervalMinutes}m schedule (2 to 3 slots held back)`,
    run: compressed
      ? `intake down ${outage} instead of 30m (time-compressed ×${(FULL_OUTAGE_MS / options.outageMs).toFixed(0)}); ${schedule}`
      : `intake down ${outage} in real time${options.full ? ' (--full)' : ''}; ${schedule}`,
    unscaled:
      'the submission deadline (asOf + 55m without historical ingestion), the submitMetrics retry policy ' +
      '(1s doubling to 30s), the run and activity timeouts: the product’s own, nothing patched',
    why: compressed
      ? `${rule} So a ${outage} outage tests the same rule as a 30m one. What it does not show is 30 minutes of ` +
        'retrying (up to about 60 attempts per held-back submission instead of a handful): --full runs that. ' +
        deadline
      : `${rule} This run holds points back for the full ${outage}. ${deadline}`,
  };
}

export interface OpsBenchResult {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly wallMs: number;
  readonly environment: Environment;
  readonly options: OpsOptions;
  readonly compression: ReturnType<typeof compression>;
  readonly deployment: {
    readonly name: string;
    readonly configFile: string;
    readonly scheduleId: string;
    readonly intervalSeconds: number;
    readonly liveTargets: number;
    readonly seriesPerSlot: number;
  };
  readonly latency: LatencyResult;
  readonly drill: DrillResult;
  readonly deadline: DeadlineResult;
  readonly backfill: BackfillResult & {
    readonly liveSlotsDuring: Tally;
    readonly liveLatencyDuring?: Percentiles;
  };
  readonly live: {
    /** Every slot of the live schedule over the whole run, first to last. */
    readonly all: Tally;
    readonly runs: number;
    readonly runsByStatus: Record<string, number>;
    readonly skippedSlots: string[];
  };
  readonly intake: {
    readonly postsByStatus: Readonly<Record<number, number>>;
    readonly distinctSeries: number;
  };
  /** Worker log lines and SDK warnings, by message. */
  readonly logs: Record<string, number>;
  readonly goalsMet: {
    readonly noPointLost: boolean;
    readonly dropsCounted: boolean;
    readonly backfillComplete: boolean;
  };
}

const ms = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(0));
const s1 = (v: number) => (v / 1000).toFixed(1);
const n = (v: number) => v.toLocaleString('en-US');
const verdict = (met: boolean) => (met ? 'ok' : 'MISSED');

function tallyRow(label: string, t: Tally, goal = true): string[] {
  return [
    label,
    n(t.slots),
    n(t.expected),
    n(t.received),
    n(t.lost),
    n(t.wrongValues),
    n(t.duplicates),
    goal ? verdict(t.lost === 0 && t.wrongValues === 0) : '',
  ];
}

const TALLY_HEADER = ['slots', 'expected', 'received', 'lost', 'wrong', 'dup.', 'goal 0'];

export function renderTable(r: OpsBenchResult): string {
  const env = r.environment;
  const server = env.temporal.devServer ? 'dev server' : 'server';
  const header =
    `Ops benchmark: node ${env.node}, ${env.cpus} CPUs, Temporal ${server} ${env.temporal.address}; ` +
    `schedule ${r.deployment.scheduleId} every ${r.deployment.intervalSeconds}s, ` +
    `${r.deployment.liveTargets} targets × ${r.deployment.seriesPerSlot / r.deployment.liveTargets} series = ` +
    `${r.deployment.seriesPerSlot} points per slot; real Datadog sink → loopback intake`;

  const l = r.latency;
  const latency = formatTable([
    [
      `1. Slot → intake (ms; ${l.slots.length} slots after 1 warm-up)`,
      'median',
      'p90',
      'max',
      'min',
      'incomplete',
    ],
    [
      "slot's nominal time → its last point at the intake",
      ms(l.summary?.median),
      ms(l.summary?.p90),
      ms(l.summary?.max),
      ms(l.summary?.min),
      String(l.incomplete.length),
    ],
    [
      '  the same, live slots during the paced backfill',
      ms(r.backfill.liveLatencyDuring?.median),
      ms(r.backfill.liveLatencyDuring?.p90),
      ms(r.backfill.liveLatencyDuring?.max),
      ms(r.backfill.liveLatencyDuring?.min),
      String(r.backfill.liveSlotsDuring.incompleteSlots.length),
    ],
  ]);

  const d = r.drill;
  const drill = formatTable([
    [`2. Outage drill: intake down ${s1(d.outageMs)} s, ${d.slotsInOutage} slots (points)`, ...TALLY_HEADER],
    tallyRow('slots before the outage', d.before, false),
    tallyRow('slots during the outage', d.during, false),
    tallyRow('every slot started before or during it', d.total),
  ]);
  const drillNotes = [
    `   ${d.inFlightAtDown} slot(s) in flight when it went down; ${n(d.refusedPosts)} POSTs refused (503), ` +
      `${n(d.retriedAttempts)} submit attempts ended for Temporal to retry`,
    `   schedule: ${d.schedule.runsStarted}/${d.schedule.slotsDue} slots started (skipped ${d.schedule.skipped.length}); ` +
      `last held-back point arrived ${d.recoveryMs === undefined ? '(never)' : `${s1(d.recoveryMs)} s`} after the intake came back; ` +
      `longest slot → last point ${d.longestSlotWaitMs === undefined ? '–' : `${s1(d.longestSlotWaitMs)} s`}`,
  ];

  const dl = r.deadline;
  const deadlineRow = (label: string, run: DeadlineResult['pastDeadline'], goalDropped: boolean) => [
    label,
    n(run.expected),
    n(run.received),
    n(run.dropped),
    n(run.unaccounted),
    verdict(
      run.unaccounted === 0 && !run.error && (goalDropped ? run.dropped === run.expected : run.dropped === 0),
    ),
  ];
  const deadline = formatTable([
    [
      `2b. Past the deadline (asOf + 55m): intake down ${s1(dl.outageMs)} s`,
      'expected',
      'received',
      'dropped+counted',
      'silently lost',
      '',
    ],
    deadlineRow(
      `slot ${dl.pastDeadline.asOf}: deadline ${s1(dl.pastDeadline.deadlineAfterOutageStartMs)} s into the outage`,
      dl.pastDeadline,
      true,
    ),
    deadlineRow(
      `slot ${dl.insideDeadline.asOf}: deadline ${s1(dl.insideDeadline.deadlineAfterOutageStartMs - dl.outageMs)} s after it`,
      dl.insideDeadline,
      false,
    ),
    [
      `live slots due during this outage (${dl.live.slots})`,
      n(dl.live.expected),
      n(dl.live.received),
      '0',
      n(dl.live.lost),
      verdict(dl.live.lost === 0),
    ],
  ]);
  const deadlineNotes = [
    `   collector.ops.points_dropped at the intake: ${n(dl.pointsDroppedMetric.sum)} ` +
      `(${dl.pointsDroppedMetric.nonZeroPoints} non-zero point(s), ${dl.pointsDroppedMetric.tags.filter((t) => t.startsWith('mode:')).join(' ') || 'no mode tag'}); ` +
      `sink log "dropping the unsent points": ${dl.gaveUpLogLines}`,
    '   (both cycles started by hand with a ~55m-old asOf, so they run in mode backfill; the deadline rule is the same in every mode)',
  ];

  const b = r.backfill;
  const backfill = formatTable([
    [
      `3. Paced backfill: ${b.slots} days, step 1d, concurrency ${b.concurrency}, ${b.targets} targets, historical ingestion on`,
      'wall s',
      'slots/s',
      'estimated',
      'sent',
      'received',
      'slots complete',
      'failed',
    ],
    [
      `backfillCollector ${b.from.slice(0, 10)} … ${b.to.slice(0, 10)}`,
      s1(b.wallMs),
      b.slotsPerSecond.toFixed(2),
      n(b.estimatedPoints),
      n(b.progress.submitted),
      n(b.intake.received),
      `${b.slotsComplete}/${b.slots}`,
      String(b.progress.failed),
    ],
  ]);
  const backfillNotes = [
    `   live slots during the backfill: ${b.liveSlotsDuring.slots}, ${b.liveSlotsDuring.lost} points lost`,
  ];

  const lv = r.live;
  const summary = [
    `Whole run: ${lv.all.slots} live slots, ${n(lv.all.expected)} points expected, ${n(lv.all.received)} received, ` +
      `${lv.all.lost} lost, ${lv.all.wrongValues} wrong, ${n(lv.all.duplicates)} duplicates; ` +
      `${lv.runs} scheduled runs (${Object.entries(lv.runsByStatus)
        .map(([k, v]) => `${v} ${k.toLowerCase()}`)
        .join(', ')}), ` +
      `${lv.skippedSlots.length} slots skipped; ${s1(r.wallMs)} s in all`,
    `Goals: no point lost ${verdict(r.goalsMet.noPointLost)}; points past the deadline counted ${verdict(r.goalsMet.dropsCounted)}; ` +
      `backfill complete ${verdict(r.goalsMet.backfillComplete)}`,
  ];
  const c = r.compression;
  const compressionNotes = [
    'Time compression:',
    `  scenario: ${c.scenario}`,
    `  this run: ${c.run}`,
    `  unscaled: ${c.unscaled}`,
    `  why:      ${c.why}`,
  ];
  return [
    header,
    '',
    latency,
    '',
    drill,
    ...drillNotes,
    '',
    deadline,
    ...deadlineNotes,
    '',
    backfill,
    ...backfillNotes,
    '',
    ...summary,
    '',
    ...compressionNotes,
    '',
  ].join('\n');
}
