/**
 * The `collectors` command: registers one subcommand per file under src/cli/ and owns the single
 * exit path (the codes are in src/cli/errors.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { registry } from './collectors/registry';
import { ConfigError } from './config';
import { CliError, EXIT } from './cli/errors';
import { collectCommand } from './cli/collect';
import { print, type CliIo } from './cli/io';
import { listCommand } from './cli/list';
import { workerCommand } from './cli/worker';
import { schedulesCommand } from './cli/schedules';
import { backfillCommand } from './cli/backfill';
import { datadogCommand } from './cli/datadog';
import { doctorCommand } from './cli/doctor';
import { devCommand } from './cli/dev';
import { pauseCommand, triggerCommand, unpauseCommand } from './cli/control';
import { redact } from './util/redact';
import { installHttpProxy } from './util/http-proxy';
import { projectRoot } from './util/paths';

export function buildProgram(io: CliIo): Command {
  const output = { writeOut: (s: string) => io.stdout.write(s), writeErr: (s: string) => io.stderr.write(s) };
  const program = new Command('collectors')
    .description(
      'Collect engineering and infrastructure metrics and submit them to Datadog, on Temporal schedules.',
    )
    .version(version())
    .exitOverride()
    .configureOutput(output);
  for (const make of [
    listCommand,
    collectCommand,
    workerCommand,
    schedulesCommand,
    triggerCommand,
    pauseCommand,
    unpauseCommand,
    backfillCommand,
    datadogCommand,
    doctorCommand,
    devCommand,
  ]) {
    program.addCommand(make(io));
  }
  configure(program, output);
  return program;
}

/** Every command, nested ones included, writes through `io` and returns instead of exiting. */
function configure(command: Command, output: { writeOut(s: string): void; writeErr(s: string): void }): void {
  command.exitOverride().configureOutput(output);
  for (const sub of command.commands) configure(sub, output);
}

/** Runs the command line and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version end with a "error" that is none; commander printed the rest already.
      return err.exitCode === 0 || err.code === 'commander.helpDisplayed' ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof ConfigError) {
      print(io.stderr, `invalid configuration:\n${redact(err.message)}`);
      return EXIT.usage;
    }
    if (err instanceof CliError) {
      if (err.exitCode === EXIT.usage) print(io.stderr, `error: ${redact(err.message)}`);
      return err.exitCode;
    }
    print(io.stderr, `error: ${redact(err instanceof Error ? err.message : String(err))}`);
    return EXIT.failed;
  }
}

function version(): string {
  return (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
}

export async function main(): Promise<void> {
  // Before any request: every fetch of the process (collectors, the Datadog sink) honours HTTPS_PROXY.
  installHttpProxy(process.env);
  process.exitCode = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    registry,
    fetch,
    now: () => new Date(),
  });
}
