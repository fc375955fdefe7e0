import { intFlag, parseFlags } from '../driver/args';
import { TEMPORAL_USAGE } from '../driver/temporal';
import { formatDuration, parseDuration } from '../../src/time/duration';

export interface OpsOptions {
  /** Slots whose slot → intake latency is measured (after one warm-up slot). */
  readonly slots: number;
  /** How long the intake is down in the outage drill. */
  readonly outageMs: number;
  /** How long it is down in the deadline phase (a slot past its deadline, one just inside). */
  readonly deadlineOutageMs: number;
  /** True with --full: the reference 30-minute outage, in real time. */
  readonly full: boolean;
  readonly backfillDays: number;
  readonly backfillConcurrency: number;
}

/** The reference outage (a 30-minute intake outage); `--full` runs it for real. */
export const FULL_OUTAGE_MS = 30 * 60_000;
export const DEFAULT_OUTAGE_MS = 60_000;

export const USAGE = `usage: npm run bench -- ops [--full] [--outage <duration>] [--slots N]
  --full               the 30-minute outage drill in real time: the intake down for 30 minutes
                       (about 35 minutes in all); by default it is time-compressed to ${formatDuration(DEFAULT_OUTAGE_MS)}
  --outage <duration>  the drill's outage, e.g. 2m (default ${formatDuration(DEFAULT_OUTAGE_MS)}, ${formatDuration(FULL_OUTAGE_MS)} with --full)
  --slots N            slots of the latency measurement (default 20)
${TEMPORAL_USAGE}`;

export function parseOpsArgs(argv: readonly string[]): OpsOptions | 'help' {
  const values = parseFlags(argv, {
    full: { type: 'boolean', default: false },
    outage: { type: 'string' },
    slots: { type: 'string' },
  });
  if (values === 'help') return 'help';
  const full = values.full ?? false;
  let outageMs = full ? FULL_OUTAGE_MS : DEFAULT_OUTAGE_MS;
  if (values.outage !== undefined) {
    outageMs = parseDuration(values.outage);
    if (outageMs < 10_000 || outageMs > 50 * 60_000) {
      throw new Error(`--outage must be from 10s to 50m (got "${values.outage}")`);
    }
  }
  const slots = values.slots === undefined ? 20 : intFlag('slots', values.slots, 2, 500);
  return {
    slots,
    outageMs,
    deadlineOutageMs: 30_000,
    full,
    backfillDays: 30,
    backfillConcurrency: 2,
  };
}
