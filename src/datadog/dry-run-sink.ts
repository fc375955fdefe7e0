/**
 * The dry-run sink: nothing leaves the machine. Points are appended as JSON lines to a file (one
 * DataPoint per line, the shape of `collect --json`) and shown as a table for a human to read.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { DataPoint } from '../catalog/model';
import type { Logger } from '../log';
import type { Sink, SubmitResult } from './types';

export interface DryRunSinkOptions {
  /** Where the table goes (usually stdout). */
  out: NodeJS.WritableStream;
  /** JSON lines file; defaults to `out/dry-run/points-<slot's UTC date>.jsonl` under the working directory. */
  file?: string;
  log: Logger;
}

/**
 * The default file of a slot's day: one file per UTC date of the points' timestamps (the slot the
 * points describe, not the day the run happened, so a backfill or a run just after midnight lands
 * where a reader looks for that slot), appended to by every run of that date.
 */
export function defaultDryRunFile(cwd: string, at: Date): string {
  return join(cwd, 'out', 'dry-run', `points-${at.toISOString().slice(0, 10)}.jsonl`);
}

/**
 * Appends one JSON line per point: to `file` when one is given, else to the default file of each
 * point's date under `cwd`. Returns the files written (absolute), in order of first use.
 */
export async function appendJsonLines(
  points: readonly DataPoint[],
  file: string | undefined,
  cwd: string,
): Promise<string[]> {
  const byFile = new Map<string, string[]>();
  if (file !== undefined) byFile.set(resolve(file), []);
  for (const p of points) {
    const target = file !== undefined ? resolve(file) : defaultDryRunFile(cwd, new Date(p.timestamp * 1000));
    const lines = byFile.get(target) ?? [];
    lines.push(JSON.stringify(p) + '\n');
    byFile.set(target, lines);
  }
  for (const [target, lines] of byFile) {
    await mkdir(dirname(target), { recursive: true });
    await appendFile(target, lines.join(''));
  }
  return [...byFile.keys()];
}

export function createDryRunSink(options: DryRunSinkOptions): Sink {
  return {
    kind: 'dry-run',
    async submit(points: readonly DataPoint[]): Promise<SubmitResult> {
      const files = await appendJsonLines(points, options.file, process.cwd());
      options.out.write(formatTable(points, files));
      options.log.info('Dry run: points written, not sent to Datadog', { points: points.length, files });
      return { submitted: points.length, dropped: 0, payloads: points.length > 0 ? 1 : 0 };
    },
  };
}

/** A header line, then one aligned row per point (metric, value, tags), sorted by metric then tags. */
export function formatTable(points: readonly DataPoint[], files: readonly string[]): string {
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
