/**
 * The MongoDB-style run filters W&B evaluates server-side (`runs(filters:)`, `runCount(filters:)`),
 * sent as a JSON string, and W&B's times. W&B stores times in UTC and writes most of them without a
 * zone (`2026-11-20T12:00:00`, `2021-02-16T23:44:10.058524`): such a time is read as UTC, never as
 * the machine's local time.
 */
import type { Window } from '../kit/window';

/** States in which a run has ended: its last heartbeat is its end. */
export const TERMINAL_STATES = ['finished', 'failed', 'crashed', 'killed'] as const;

/** A time for a filter: ISO 8601 in UTC without a zone, as W&B's own clients write them. */
export function filterTime(at: Date): string {
  const iso = at.toISOString();
  return at.getUTCMilliseconds() === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
}

const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch ms of a W&B time; a time without a zone is UTC. Undefined when missing or unreadable. */
export function wandbTime(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(HAS_ZONE.test(text) ? text : `${text}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}

type Filter = Record<string, unknown>;

const and = (...parts: Filter[]): Filter => ({ $and: parts });

/** Created in W: `(start, end]`. */
export function createdIn(w: Window): Filter {
  return and({ createdAt: { $gt: filterTime(w.start) } }, { createdAt: { $lte: filterTime(w.end) } });
}

/** In `state`, created by asOf (a run created after the slot is not counted in it). */
export function inStateBy(state: string, asOf: Date): Filter {
  return and({ state }, { createdAt: { $lte: filterTime(asOf) } });
}

/** Ended in W: a terminal `state` whose last heartbeat is in `(start, end]`. */
export function endedIn(state: (typeof TERMINAL_STATES)[number], w: Window): Filter {
  return and(
    { state },
    { heartbeatAt: { $gt: filterTime(w.start) } },
    { heartbeatAt: { $lte: filterTime(w.end) } },
  );
}

/** Finished in W with a value for summary `key`: the candidates for its best value. */
export function finishedWithKey(key: string, w: Window): Filter {
  return and(endedIn('finished', w), { [`summary_metrics.${key}`]: { $exists: true } });
}

/**
 * Runs whose lifetime `[createdAt, heartbeatAt or now]` can overlap W: created by its end, and
 * running, heard from after its start or created after it (a run W&B has no heartbeat of yet).
 * Everything older is history the collector never reads.
 */
export function touching(w: Window): Filter {
  const start = filterTime(w.start);
  return and(
    { createdAt: { $lte: filterTime(w.end) } },
    { $or: [{ state: 'running' }, { heartbeatAt: { $gt: start } }, { createdAt: { $gt: start } }] },
  );
}

/** Sweeps that may be running or have finished in W (only where the server filters sweeps). */
export function sweepsOfInterest(w: Window): Filter {
  return { $or: [{ state: 'RUNNING' }, { updatedAt: { $gt: filterTime(w.start) } }] };
}

export function json(filter: Filter): string {
  return JSON.stringify(filter);
}
