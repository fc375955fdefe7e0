/** Windows on the source's own timestamps: `(asOf − span, asOf]`, end included, start excluded. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WINDOW_DAYS = 7;

export interface Window {
  /** Excluded. */
  readonly start: Date;
  /** Included (the slot, asOf). */
  readonly end: Date;
}

export function windowEnding(asOf: Date, days = WINDOW_DAYS): Window {
  return { start: new Date(asOf.getTime() - days * DAY_MS), end: asOf };
}

/** True when the ISO timestamp is inside the window. Missing timestamps are never inside. */
export function inWindow(timestamp: string | null | undefined, window: Window): boolean {
  if (!timestamp) return false;
  const t = Date.parse(timestamp);
  return t > window.start.getTime() && t <= window.end.getTime();
}

/** True when the ISO timestamp is at or before `asOf` (an event that had happened by then). */
export function byAsOf(timestamp: string | null | undefined, asOf: Date): boolean {
  return !!timestamp && Date.parse(timestamp) <= asOf.getTime();
}

export function hoursBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / HOUR_MS;
}
