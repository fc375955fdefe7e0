import type { Point } from '../../catalog/model';

/** Points from name → value, leaving out absent values (a statistic over an empty population). */
export function pointsOf(values: Readonly<Record<string, number | undefined>>): Point[] {
  return Object.entries(values)
    .filter((entry): entry is [string, number] => entry[1] !== undefined)
    .map(([metric, value]) => ({ metric, value }));
}
