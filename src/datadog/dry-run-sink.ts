/**
 * The dry-run sink: nothing leaves the machine. Points are appended as JSON lines to a file and shown
 * as a table for a human to read, after an optional header per submission (the sandbox's says which
 * collector, slot and workflow sent them). Each submission is written with one `write`, so concurrent
 * cycles never interleave their lines.
 */
import { relative } from 'node:path';
import type { DataPoint } from '../catalog/model';
import type { Logger } from '../log';
import { appendJsonLines } from './dry-run-file';
import { formatPointsTable } from './points-table';
import type { Sink, SubmitResult } from './types';

export interface DryRunSinkOptions {
  /** Where the table goes (usually stdout). */
  out: NodeJS.WritableStream;
  /** JSON lines file; defaults to `out/dry-run/points-<slot's UTC date>.jsonl` under the working directory. */
  file?: string;
  log: Logger;
  /** Text written before each submission's table. */
  header?: (points: readonly DataPoint[]) => string;
  /** Name the files written relative to the working directory (absolute otherwise). */
  relativeFiles?: boolean;
}

export function createDryRunSink(options: DryRunSinkOptions): Sink {
  return {
    kind: 'dry-run',
    async submit(points: readonly DataPoint[]): Promise<SubmitResult> {
      const cwd = process.cwd();
      const files = await appendJsonLines(points, options.file, cwd);
      const shown = options.relativeFiles ? files.map((f) => relative(cwd, f) || f) : files;
      options.out.write((options.header?.(points) ?? '') + formatPointsTable(points, shown));
      options.log.info('Dry run: points written, not sent to Datadog', { points: points.length, files });
      return { submitted: points.length, dropped: 0, payloads: points.length > 0 ? 1 : 0 };
    },
  };
}
