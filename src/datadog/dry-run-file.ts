/** Where dry-run points go on disk: JSON lines (one DataPoint per line, the shape of `collect --json`). */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { DataPoint } from '../catalog/model';

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
