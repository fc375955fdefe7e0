import { percentile, summarize } from '../../../src/collectors/skypilot/stats';

test('percentiles interpolate linearly between closest ranks (numpy default)', () => {
  const x = [10, 20, 30, 40];
  expect(percentile(x, 50)).toBe(25); // rank 1.5 → 20 + 0.5·10
  expect(percentile(x, 90)).toBeCloseTo(37, 12); // rank 2.7 → 30 + 0.7·10
  expect(percentile(x, 99)).toBeCloseTo(39.7, 12); // rank 2.97 → 30 + 0.97·10
  expect(percentile(x, 0)).toBe(10);
  expect(percentile(x, 100)).toBe(40);
  expect(percentile([7], 90)).toBe(7); // one value: every percentile is it
});

test('matches numpy bit for bit where the fraction is at least one half', () => {
  // numpy.percentile([100, 1800, 3599, 3600, 7200, 14400, 86400], 99) = 82079.99999999997
  expect(percentile([100, 1800, 3599, 3600, 7200, 14400, 86400], 99)).toBe(82079.99999999997);
});

test('a summary of nothing is absent, not zeros', () => {
  expect(summarize([])).toBeUndefined();
  // [3, 1, 2]: sorted [1, 2, 3]; mean 2; p50 rank 1 → 2; p90 rank 1.8 → 2 + 0.8 = 2.8
  expect(summarize([3, 1, 2])).toEqual({
    min: 1,
    max: 3,
    avg: 2,
    p50: 2,
    p90: expect.closeTo(2.8, 12),
    p99: expect.closeTo(2.98, 12),
  });
});
