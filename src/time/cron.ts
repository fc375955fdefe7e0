/**
 * Cron expressions as Temporal's schedules read them, since that is where the expression goes: 5
 * fields (minute hour day-of-month month day-of-week), 6 fields (the same plus a year), or 7 fields
 * (a second first, a year last); `@hourly`, `@daily`, `@weekly`, `@monthly`, `@yearly` too.
 * Day-of-month and day-of-week must both match (not either, as in Vixie cron). Times are UTC:
 * schedules run in UTC (Temporal's default and recommendation).
 */
import {
  DAY_OF_MONTH,
  DAY_OF_WEEK,
  HOUR,
  MINUTE,
  MONTH,
  parseField,
  SECOND,
  YEAR,
  type FieldSpec,
} from './cron-field';

const PREDEFINED: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export interface CompiledCron {
  readonly second: ReadonlySet<number>;
  readonly minute: ReadonlySet<number>;
  readonly hour: ReadonlySet<number>;
  readonly dayOfMonth: ReadonlySet<number>;
  readonly month: ReadonlySet<number>;
  readonly dayOfWeek: ReadonlySet<number>;
  readonly year: ReadonlySet<number>;
}

/** Compiles `expression`; errors quote `original`, the text as the operator wrote it. */
export function compileCron(expression: string, original: string): CompiledCron {
  // Temporal takes the `@` shortcuts in lower case only: `@HOURLY` would pass here, then fail the sync.
  if (expression.startsWith('@') && !(expression in PREDEFINED)) {
    throw new Error(
      `"${original}" is not a cron shortcut: use one of ${Object.keys(PREDEFINED).join(', ')} (lower case)`,
    );
  }
  const fields = (PREDEFINED[expression] ?? expression).split(/\s+/).filter(Boolean);
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
