/**
 * Statistics as docs/metrics.md defines them (#absent-not-zero, #percentiles). Over an empty population a statistic is absent
 * (undefined: no point is sent), never 0; a count over nothing is 0 and needs nothing here.
 */

/**
 * The p-th percentile (0–100) of `values`, in any order: linear interpolation between closest
 * ranks, at rank (n − 1)·p/100 of the sorted values (numpy's default, PERCENTILE.INC). The rank is
 * taken from p/100 as numpy does; the value is a + (b − a)·t. Where the fraction t is ≥ 0.5 numpy
 * computes b − (b − a)·(1 − t) instead, which can differ in the last bit.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is not within 0–100`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const t = rank - lo;
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (b - a) * t;
}

export function median(values: readonly number[]): number | undefined {
  return percentile(values, 50);
}

export function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** part / whole × 100 (a share in 0–100), absent when the whole is empty. */
export function percent(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : (part / whole) * 100;
}

/** a / b, absent when b is 0. */
export function ratio(a: number, b: number): number | undefined {
  return b === 0 ? undefined : a / b;
}
