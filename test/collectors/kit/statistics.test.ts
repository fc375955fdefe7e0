import { mean, median, percent, percentile, ratio } from '../../../src/collectors/kit/statistics';

describe('statistics', () => {
  it('interpolates percentiles linearly between closest ranks (numpy’s default)', () => {
    // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 90, 100]) = [1, 1.75, 2.5, 3.7, 4]
    expect([0, 25, 50, 90, 100].map((p) => percentile([4, 1, 3, 2], p))).toEqual([
      1,
      1.75,
      2.5,
      expect.closeTo(3.7, 12),
      4,
    ]);
    // A single value is every percentile.
    expect(percentile([7], 99)).toBe(7);
    // numpy.percentile([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 1000], 99) = 90 + 0.9 × 910 = 909
    expect(percentile([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 1000], 99)).toBeCloseTo(909, 9);
  });

  it('gives the median as the 50th percentile: the mean of the two middle values for an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is absent, not 0, over an empty population', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(median([])).toBeUndefined();
    expect(mean([])).toBeUndefined();
    expect(percent(0, 0)).toBeUndefined();
    expect(ratio(3, 0)).toBeUndefined();
  });

  it('gives shares in 0–100 and means as usual', () => {
    expect(percent(1, 4)).toBe(25);
    expect(mean([1, 2, 6])).toBe(3);
    expect(ratio(7, 2)).toBe(3.5);
  });

  it('rejects a percentile outside 0–100', () => {
    expect(() => percentile([1], 101)).toThrow('percentile 101 is not within 0–100');
  });
});

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
