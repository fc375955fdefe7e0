/** A collector's schedule as operators write it in config: a cron expression or an interval (`15m`). */
import { compileCron, cronNextTimes } from './cron';
import { parseDuration } from './duration';

export type Schedule =
  { kind: 'cron'; expression: string } | { kind: 'interval'; everyMs: number; text: string };

const MIN_INTERVAL_MS = 1_000;

/** A cron expression (as Temporal reads it, see ./cron) or an interval (`15m`). */
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
