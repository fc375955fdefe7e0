/** Durations as operators write them in config and on the command line: `250ms`, `30s`, `1h30m`, `2d`. */

const UNIT_MS = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;
type DurationUnit = keyof typeof UNIT_MS;
const UNIT_ORDER: readonly DurationUnit[] = ['w', 'd', 'h', 'm', 's', 'ms'];

const DURATION_FORMS =
  'use whole numbers with the units w, d, h, m, s, ms, largest first (e.g. 250ms, 30s, 15m, 1h30m, 2d, 1w)';

/** `250ms`, `30s`, `15m`, `1h`, `1h30m`, `2d`, `1w` → milliseconds. Units appear once each, largest first. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  const part = /(\d+)(ms|w|d|h|m|s)/y;
  let total = 0;
  let last = -1;
  let pos = 0;
  while (pos < trimmed.length) {
    part.lastIndex = pos;
    const match = part.exec(trimmed);
    const unitIndex = match ? UNIT_ORDER.indexOf(match[2] as DurationUnit) : -1;
    // Units out of order or repeated (`30m1h`, `1m1m`) are more likely typos than intent.
    if (!match || unitIndex <= last) throw new Error(`"${text}" is not a duration: ${DURATION_FORMS}`);
    total += Number(match[1]) * UNIT_MS[match[2] as DurationUnit];
    last = unitIndex;
    pos = part.lastIndex;
  }
  if (pos === 0) throw new Error(`"${text}" is not a duration: ${DURATION_FORMS}`);
  if (!Number.isSafeInteger(total)) throw new Error(`"${text}" is too long a duration`);
  return total;
}

/** The inverse of parseDuration, compact: 5_400_000 → `1h30m`, 0 → `0s`. Days are the largest unit. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new Error(`cannot format ${ms} ms as a duration`);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  let rest = Math.round(ms);
  if (rest === 0) return '0s';
  let out = '';
  for (const unit of UNIT_ORDER) {
    if (unit === 'w') continue; // `10d` reads better than `1w3d`
    const n = Math.floor(rest / UNIT_MS[unit]);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * UNIT_MS[unit];
  }
  return out;
}
