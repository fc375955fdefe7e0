/**
 * Windows (docs/metrics.md#windows) on the source's own timestamps: `(asOf − length, asOf]`, the end (the
 * slot) included, the start excluded.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** W, the 7-day window of the metrics (docs/metrics.md#windows). */
export const WEEK_MS = 7 * DAY_MS;

export interface Window {
  /** Excluded. */
  readonly start: Date;
  /** Included: the slot, asOf. */
  readonly end: Date;
}

export function windowEnding(asOf: Date, lengthMs: number): Window {
  return { start: new Date(asOf.getTime() - lengthMs), end: asOf };
}

/**
 * A source timestamp: an ISO 8601 string, or epoch milliseconds. Missing (null, undefined, empty)
 * is never inside a window and never happened by asOf.
 */
export type SourceTime = string | number | null | undefined;

function epochMs(time: SourceTime): number | undefined {
  if (time == null || time === '') return undefined;
  return typeof time === 'number' ? time : Date.parse(time);
}

export function inWindow(time: SourceTime, window: Window): boolean {
  const t = epochMs(time);
  return t !== undefined && t > window.start.getTime() && t <= window.end.getTime();
}

/** True when the event had happened by `asOf` (at or before it). */
export function byAsOf(time: SourceTime, asOf: Date): boolean {
  const t = epochMs(time);
  return t !== undefined && t <= asOf.getTime();
}
