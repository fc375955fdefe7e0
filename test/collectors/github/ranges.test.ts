import { blocks, coveringRange, createdQualifier, halves } from '../../../src/collectors/github/ci/ranges';
import { WEEK_MS, windowEnding } from '../../../src/collectors/kit/window';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const window = windowEnding(new Date('2025-06-15T12:07:00Z'), WEEK_MS);

describe('created ranges of run listings', () => {
  it('covers the window with whole UTC days', () => {
    expect(createdQualifier(coveringRange(window))).toBe('2025-06-08T00:00:00Z..2025-06-15T23:59:59Z');
  });

  it('cuts the window into clock-aligned blocks sized for about 100 runs each', () => {
    // 8 days × 100 / 827 runs ≈ 23 h → 12-hour blocks, from the one holding the window start to the one holding asOf.
    const twelve = blocks(window, 827);
    expect(twelve).toHaveLength(15);
    expect(createdQualifier(twelve[0]!)).toBe('2025-06-08T12:00:00Z..2025-06-08T23:59:59Z');
    expect(createdQualifier(twelve.at(-1)!)).toBe('2025-06-15T12:00:00Z..2025-06-15T23:59:59Z');
    // 2,500 runs → 7.7 h → 6-hour blocks; 50,000 runs → 1-hour blocks, never smaller.
    expect(blocks(window, 2500)[0]!.to - blocks(window, 2500)[0]!.from).toBe(6 * HOUR - 1000);
    expect(blocks(window, 50_000)[0]!.to - blocks(window, 50_000)[0]!.from).toBe(HOUR - 1000);
  });

  it('halves a range on a whole second, down to a single second', () => {
    const [a, b] = halves({ from: at('2025-06-10T00:00:00Z'), to: at('2025-06-10T05:59:59Z') })!;
    expect([createdQualifier(a), createdQualifier(b)]).toEqual([
      '2025-06-10T00:00:00Z..2025-06-10T02:59:59Z',
      '2025-06-10T03:00:00Z..2025-06-10T05:59:59Z',
    ]);
    expect(halves({ from: 5000, to: 6000 })).toEqual([
      { from: 5000, to: 5000 },
      { from: 6000, to: 6000 },
    ]);
    expect(halves({ from: 5000, to: 5000 })).toBeUndefined();
  });
});
