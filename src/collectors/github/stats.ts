/**
 * Statistics as METRICS.md defines them: percentiles by linear interpolation between closest ranks
 * (numpy's default, PERCENTILE.INC), and undefined — an absent point — over an empty population.
 */

/** The p-th percentile (0–100) of `values`: rank (n − 1)·p/100 in the sorted values, interpolated. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (p < 0 || p > 100 || Number.isNaN(p)) throw new RangeError(`percentile ${p} is not within 0–100`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const low = sorted[lo]!;
  return low + (sorted[hi]! - low) * (rank - lo);
}

export function median(values: readonly number[]): number | undefined {
  return percentile(values, 50);
}

export function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** part / whole × 100, absent when the whole is empty. */
export function percent(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : (part / whole) * 100;
}

/** a / b, absent when b is 0. */
export function ratio(a: number, b: number): number | undefined {
  return b === 0 ? undefined : a / b;
}
