import { summarize } from '../../../src/collectors/skypilot/summary';

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
