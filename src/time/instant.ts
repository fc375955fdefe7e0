/**
 * Points in time as operators write them on the command line (`--since`, `--as-of`). A time without
 * a zone is rejected rather than guessed.
 */
import { parseDuration } from './duration';

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
