import { Writable } from 'node:stream';
import { run } from '../../src/cli';
import type { Registry } from '../../src/collectors/types';
import { syntheticCollector } from './synthetic-collector';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      stream.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

/** Runs the `collectors` command in-process with the synthetic collector registered. */
export async function cli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; registry?: Registry; now?: Date } = {},
): Promise<CliRun> {
  const stdout = capture();
  const stderr = capture();
  const code = await run(args, {
    stdout,
    stderr,
    env: { COLLECTORS_CONFIG: '', ...options.env },
    registry: options.registry ?? new Map([['synthetic', syntheticCollector]]),
    fetch,
    now: () => options.now ?? new Date(),
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
