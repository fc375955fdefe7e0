/** Windows of METRICS.md on the source's own timestamps (epoch seconds): `(asOf − length, asOf]`. */

export const HOUR = 3600;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

export function inWindow(t: number | null | undefined, asOf: number, length: number): boolean {
  return t != null && t > asOf - length && t <= asOf;
}
