/**
 * `created` ranges for run listings. GitHub returns at most 1,000 runs for a filtered listing (pages
 * past it come back empty while `total_count` stays true), so the window is cut into ranges that each
 * hold fewer. Ranges are aligned to the clock (UTC days, hours), so the same range — and its URL —
 * comes back cycle after cycle and its pages can be answered 304 once nothing in it changes.
 */
import { DAY_MS, HOUR_MS, type Window } from '../../kit/window';

/** Whole seconds, both ends included, as GitHub's `created=a..b` reads them. */
export interface CreatedRange {
  readonly from: number;
  readonly to: number;
}

const SECOND = 1000;
/** Block sizes to choose from: each divides a day, so blocks never straddle one. */
const BLOCKS = [24, 12, 6, 3, 2, 1].map((h) => h * HOUR_MS);

/** The UTC days that cover the window (the last one may reach past asOf; runs are filtered after). */
export function coveringRange(window: Window): CreatedRange {
  const from = Math.floor((window.start.getTime() + SECOND) / DAY_MS) * DAY_MS;
  const to = Math.ceil((window.end.getTime() + SECOND) / DAY_MS) * DAY_MS - SECOND;
  return { from, to };
}

/**
 * Aligned blocks covering the window, sized so each holds about `perBlock` of `total` runs (one page
 * when `perBlock` is 100), never smaller than an hour.
 */
export function blocks(window: Window, total: number, perBlock = 100): CreatedRange[] {
  const { from, to } = coveringRange(window);
  const wanted = ((to - from + SECOND) * perBlock) / Math.max(total, 1);
  const size = BLOCKS.find((b) => b <= wanted) ?? HOUR_MS;
  const ranges: CreatedRange[] = [];
  const first = Math.floor((window.start.getTime() + SECOND) / size) * size;
  for (let start = first; start <= window.end.getTime(); start += size) {
    ranges.push({ from: start, to: start + size - SECOND });
  }
  return ranges;
}

/** Two halves, split on a whole second; undefined when the range is a single second. */
export function halves(range: CreatedRange): [CreatedRange, CreatedRange] | undefined {
  if (range.to <= range.from) return undefined;
  const mid = range.from + Math.ceil((range.to - range.from + SECOND) / 2 / SECOND) * SECOND;
  return [
    { from: range.from, to: mid - SECOND },
    { from: mid, to: range.to },
  ];
}

/** GitHub search syntax: `2024-05-01T00:00:00Z..2024-05-01T05:59:59Z`. */
export function createdQualifier(range: CreatedRange): string {
  return `${iso(range.from)}..${iso(range.to)}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
