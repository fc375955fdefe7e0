/**
 * The `created` qualifier of run listings, in GitHub's search syntax: `a..b` (`*` for an open end),
 * `>=a`, `>a`, `<=a`, `<a`, or `a` alone. A date alone means its whole UTC day; a date-time is
 * exact to the second, so `created=2024-05-01T00:00:00Z` matches only runs of that very second.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/;
const DAY = 86_400_000;

export type CreatedFilter = (createdMs: number) => boolean;

/** Undefined when the qualifier is not valid search syntax. */
export function parseCreated(q: string): CreatedFilter | undefined {
  const range = q.split('..');
  if (range.length === 2) {
    const [a, b] = range as [string, string];
    const from = a === '*' ? -Infinity : bounds(a)?.start;
    const to = b === '*' ? Infinity : bounds(b)?.end;
    if (from === undefined || to === undefined) return undefined;
    return (t) => t >= from && t <= to;
  }
  const op = /^(>=|<=|>|<)?(.*)$/.exec(q)!;
  const b = bounds(op[2]!);
  if (!b) return undefined;
  switch (op[1]) {
    case '>=':
      return (t) => t >= b.start;
    case '>':
      return (t) => t > b.end;
    case '<=':
      return (t) => t <= b.end;
    case '<':
      return (t) => t < b.start;
    default:
      return (t) => t >= b.start && t <= b.end;
  }
}

/** First and last millisecond a date or date-time stands for. */
function bounds(text: string): { start: number; end: number } | undefined {
  if (DATE.test(text)) {
    const start = Date.parse(`${text}T00:00:00Z`);
    return Number.isFinite(start) ? { start, end: start + DAY - 1 } : undefined;
  }
  if (!DATE_TIME.test(text)) return undefined;
  const start = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`);
  return Number.isFinite(start) ? { start, end: start + 999 } : undefined;
}
