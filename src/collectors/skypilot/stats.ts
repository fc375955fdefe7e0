/** Statistics of METRICS.md: percentiles by linear interpolation between closest ranks (numpy's default). */

/**
 * p in [0, 100] of ascending `sorted` (non-empty): the value at rank (n − 1) · p / 100, interpolated
 * the way numpy does (from the upper neighbour when the fraction is ≥ 0.5), so values match it bit for bit.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of an empty list');
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const t = rank - lo;
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

export interface Summary {
  readonly min: number;
  readonly max: number;
  readonly avg: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

/** Undefined for an empty population: a statistic over nothing is absent, not 0. */
export function summarize(values: readonly number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    avg: sorted.reduce((s, v) => s + v, 0) / sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
  };
}
