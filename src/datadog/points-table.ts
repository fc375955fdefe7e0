/** Dry-run points as a human reads them: a summary line, then an aligned table. */
import type { DataPoint } from '../catalog/model';

/** A header line, then one aligned row per point (metric, value, tags), sorted by metric then tags. */
export function formatPointsTable(points: readonly DataPoint[], files: readonly string[]): string {
  const where = files.length > 0 ? `written to ${files.join(', ')}` : 'nothing written';
  const header = `dry run: ${points.length} points (not sent to Datadog), ${where}\n`;
  if (points.length === 0) return header;
  const rows = points
    .map((p) => ({ metric: p.metric, value: String(p.value), tags: p.tags.join(',') }))
    .sort((a, b) => compare(a.metric, b.metric) || compare(a.tags, b.tags));
  const all = [{ metric: 'METRIC', value: 'VALUE', tags: 'TAGS' }, ...rows];
  // reduce, not Math.max(...rows): a spread of 100,000 arguments overflows the stack.
  const metricWidth = all.reduce((w, r) => Math.max(w, r.metric.length), 0);
  const valueWidth = all.reduce((w, r) => Math.max(w, r.value.length), 0);
  const lines = all.map((r) =>
    `${r.metric.padEnd(metricWidth)}  ${r.value.padStart(valueWidth)}  ${r.tags}`.trimEnd(),
  );
  return header + lines.join('\n') + '\n';
}

/** Code-unit order, independent of the locale, so the table is the same everywhere. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
