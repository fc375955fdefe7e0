/**
 * Durations, points in time and schedules as operators write them in config and on the command line.
 * Everything is UTC: schedules run in UTC (Temporal's default and recommendation), and a time without
 * a zone is rejected rather than guessed.
 */

// ---------------------------------------------------------------------------------------------------
// Durations

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

// ---------------------------------------------------------------------------------------------------
// Points in time

const TIME_FORMS =
  'use an ISO 8601 time with a zone (2026-01-01T00:00:00Z, 2026-01-01T02:00:00+02:00), ' +
  'a date (2026-01-01, midnight UTC), now, or now plus or minus a duration (now-3d, now-90m, now+1h)';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parses `--since`/`--as-of` style arguments. `now` is passed in so callers and tests agree on it. */
export function parseTime(text: string, now: Date): Date {
  const t = text.trim();
  const relative = /^now(?:([+-])(.+))?$/i.exec(t);
  if (relative) {
    if (!relative[1]) return new Date(now.getTime());
    let ms: number;
    try {
      ms = parseDuration(relative[2] ?? '');
    } catch {
      throw new Error(
        `"${text}" is not a time: "${relative[2]}" after now${relative[1]} is not a duration; ${TIME_FORMS}`,
      );
    }
    return new Date(now.getTime() + (relative[1] === '+' ? ms : -ms));
  }
  const date = DATE_RE.exec(t);
  if (date) return utc(text, Number(date[1]), Number(date[2]), Number(date[3]), 0, 0, 0, 0, 0);
  const dt = DATETIME_RE.exec(t);
  if (dt) {
    const zone = dt[8];
    if (!zone) throw new Error(`"${text}" has no time zone: add a zone, e.g. Z for UTC or +02:00`);
    const fraction = Number(((dt[7] ?? '') + '000').slice(0, 3));
    return utc(
      text,
      Number(dt[1]),
      Number(dt[2]),
      Number(dt[3]),
      Number(dt[4]),
      Number(dt[5]),
      Number(dt[6] ?? 0),
      fraction,
      zoneOffsetMinutes(zone),
    );
  }
  throw new Error(`"${text}" is not a time: ${TIME_FORMS}`);
}

function zoneOffsetMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return zone.startsWith('-') ? -minutes : minutes;
}

/** Builds the instant, refusing values Date.UTC would silently roll over (Feb 30, 25:00). */
function utc(
  text: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offsetMinutes: number,
): Date {
  const ok =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    Math.abs(offsetMinutes) < 24 * 60;
  if (!ok) throw new Error(`"${text}" is not a valid date or time of day`);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// ---------------------------------------------------------------------------------------------------
// Schedules

export type Schedule =
  { kind: 'cron'; expression: string } | { kind: 'interval'; everyMs: number; text: string };

const MIN_INTERVAL_MS = 1_000;

/**
 * A cron expression or an interval (`15m`). Cron follows Temporal's cron strings, since that is
 * where the expression goes: 5 fields (minute hour day-of-month month day-of-week), 6 fields (the
 * same plus a year), or 7 fields (a second first, a year last); `@hourly`, `@daily`, `@weekly`,
 * `@monthly`, `@yearly` too. Day-of-month and day-of-week must both match (not either, as in Vixie
 * cron). Times are UTC.
 */
export function parseSchedule(text: string): Schedule {
  const trimmed = text.trim();
  if (/^\d/.test(trimmed) && !/\s/.test(trimmed)) {
    let everyMs: number | undefined;
    try {
      everyMs = parseDuration(trimmed);
    } catch {
      // Not an interval: `5` alone is neither, and is reported below.
    }
    if (everyMs !== undefined) {
      if (everyMs < MIN_INTERVAL_MS)
        throw new Error(`schedule interval "${text}" is too short: use at least 1s`);
      return { kind: 'interval', everyMs, text: trimmed };
    }
  }
  compileCron(trimmed, text); // throws with the reason
  return { kind: 'cron', expression: trimmed.split(/\s+/).join(' ') };
}

/**
 * How often the schedule fires: the interval, or for a cron the shortest gap between consecutive
 * fire times (over the next 500 firings after `from`). Throws for a cron that fires fewer than
 * twice before 2100 (e.g. one pinned to a past year).
 */
export function scheduleIntervalMs(schedule: Schedule, from: Date = new Date()): number {
  if (schedule.kind === 'interval') return schedule.everyMs;
  const times = cronNextTimes(schedule.expression, from, 500);
  let shortest = Infinity;
  for (let i = 1; i < times.length; i++) {
    shortest = Math.min(shortest, times[i]!.getTime() - times[i - 1]!.getTime());
  }
  if (!Number.isFinite(shortest)) {
    throw new Error(`cron "${schedule.expression}" fires fewer than twice between now and 2100`);
  }
  return shortest;
}

/** The next `count` fire times strictly after `from` (fewer when the expression stops firing). */
export function cronNextTimes(expression: string, from: Date, count: number): Date[] {
  const cron = compileCron(expression.trim(), expression);
  const out: Date[] = [];
  let t = from.getTime();
  while (out.length < count) {
    const next = nextFire(cron, t);
    if (next === undefined) break;
    out.push(new Date(next));
    t = next;
  }
  return out;
}

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names accepted as values, index = value - namesFrom; prefixes of `minPrefix`+ letters match. */
  readonly names?: readonly string[];
  readonly namesFrom?: number;
  readonly minPrefix?: number;
}

const SECOND: FieldSpec = { name: 'second', min: 0, max: 59 };
const MINUTE: FieldSpec = { name: 'minute', min: 0, max: 59 };
const HOUR: FieldSpec = { name: 'hour', min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldSpec = {
  name: 'month',
  min: 1,
  max: 12,
  names: 'january february march april may june july august september october november december'.split(' '),
  namesFrom: 1,
  minPrefix: 3,
};
// 0 and 7 are both Sunday.
const DAY_OF_WEEK: FieldSpec = {
  name: 'day-of-week',
  min: 0,
  max: 7,
  names: 'sunday monday tuesday wednesday thursday friday saturday'.split(' '),
  namesFrom: 0,
  minPrefix: 2,
};
// Temporal's calendar covers these years.
const YEAR: FieldSpec = { name: 'year', min: 2000, max: 2100 };

const PREDEFINED: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface CompiledCron {
  readonly second: ReadonlySet<number>;
  readonly minute: ReadonlySet<number>;
  readonly hour: ReadonlySet<number>;
  readonly dayOfMonth: ReadonlySet<number>;
  readonly month: ReadonlySet<number>;
  readonly dayOfWeek: ReadonlySet<number>;
  readonly year: ReadonlySet<number>;
}

function compileCron(expression: string, original: string): CompiledCron {
  const fields = (PREDEFINED[expression.toLowerCase()] ?? expression).split(/\s+/).filter(Boolean);
  if (fields.length < 5 || fields.length > 7) {
    throw new Error(
      `"${original}" is neither a cron expression (5–7 fields) nor an interval such as 30s or 15m`,
    );
  }
  const [second, rest] = fields.length === 7 ? [fields[0]!, fields.slice(1)] : ['0', fields];
  const field = (spec: FieldSpec, value: string | undefined) => {
    try {
      return parseField(spec, value ?? '*');
    } catch (e) {
      throw new Error(`"${original}" is not a valid cron expression: ${(e as Error).message}`);
    }
  };
  const dayOfWeek = field(DAY_OF_WEEK, rest[4]);
  if (dayOfWeek.has(7)) dayOfWeek.add(0);
  return {
    second: field(SECOND, second),
    minute: field(MINUTE, rest[0]),
    hour: field(HOUR, rest[1]),
    dayOfMonth: field(DAY_OF_MONTH, rest[2]),
    month: field(MONTH, rest[3]),
    dayOfWeek,
    year: field(YEAR, rest[5]),
  };
}

/** One field: `*`, `n`, `a-b`, any of them with `/step` (`n/step` runs to the maximum), comma lists. */
function parseField(spec: FieldSpec, text: string): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const bad = (why: string) => new Error(`${spec.name} field "${text}": ${why}`);
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined || range === undefined || range === '') throw bad(`"${part}" is malformed`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1)
        throw bad(`step "${stepText}" is not a whole number ≥ 1`);
      step = Number(stepText);
    }
    let start = spec.min;
    let end = spec.max;
    if (range !== '*') {
      const bounds = range.split('-');
      if (bounds.length > 2) throw bad(`"${part}" is malformed`);
      start = parseValue(spec, bounds[0]!, bad);
      if (bounds.length === 2) end = parseValue(spec, bounds[1]!, bad);
      else if (stepText === undefined) end = start;
      if (end < start) throw bad(`range "${range}" runs backwards`);
    }
    for (let v = start; v <= end; v += step) values.add(v);
  }
  return values;
}

function parseValue(spec: FieldSpec, text: string, bad: (why: string) => Error): number {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < spec.min || n > spec.max) throw bad(`${n} is out of range ${spec.min}-${spec.max}`);
    return n;
  }
  const lower = text.toLowerCase();
  const index =
    spec.names && lower.length >= (spec.minPrefix ?? 3)
      ? spec.names.findIndex((n) => n.startsWith(lower))
      : -1;
  if (index < 0)
    throw bad(`"${text}" is not a number${spec.names ? ` or a ${spec.name.replace(/-/g, ' ')} name` : ''}`);
  return index + (spec.namesFrom ?? 0);
}

const LAST_MS = Date.UTC(YEAR.max + 1, 0, 1);

/** The first fire time strictly after `afterMs`, or undefined when there is none before 2101. */
function nextFire(c: CompiledCron, afterMs: number): number | undefined {
  let t = Math.floor(afterMs / 1000) * 1000 + 1000;
  while (t < LAST_MS) {
    const d = new Date(t);
    const [y, mo, day, h, mi] = [
      d.getUTCFullYear(),
      d.getUTCMonth(),
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
    ];
    // Each miss jumps to the start of the next unit of that field; Date.UTC carries overflows.
    if (!c.year.has(y)) t = Date.UTC(y + 1, 0, 1);
    else if (!c.month.has(mo + 1)) t = Date.UTC(y, mo + 1, 1);
    else if (!c.dayOfMonth.has(day) || !c.dayOfWeek.has(d.getUTCDay())) t = Date.UTC(y, mo, day + 1);
    else if (!c.hour.has(h)) t = Date.UTC(y, mo, day, h + 1);
    else if (!c.minute.has(mi)) t = Date.UTC(y, mo, day, h, mi + 1);
    else if (!c.second.has(d.getUTCSeconds())) t += 1000;
    else return t;
  }
  return undefined;
}
