/** The runtime summary of the README: extremes, mean and percentiles (docs/metrics.md#percentiles) of one population. */
import { mean, percentile } from '../kit/statistics';

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
  // The mean sums the sorted values, so it stays what it has always been to the last bit.
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    avg: mean(sorted)!,
    p50: percentile(sorted, 50)!,
    p90: percentile(sorted, 90)!,
    p99: percentile(sorted, 99)!,
  };
}
