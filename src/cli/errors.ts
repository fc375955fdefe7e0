/**
 * How `collectors` exits. 0: done. 1: some work failed (what could be done was, and is reported).
 * 2: nothing was done: a usage or config error, nothing to collect, a missing secret or Datadog key.
 * 3: only `datadog plan --detailed-exitcode`: the plan has changes to apply (terraform's 2, which is
 * taken here by usage errors).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, changes: 3 } as const;

/** Errors that end a command with a given exit code (see EXIT). */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: typeof EXIT.failed | typeof EXIT.usage | typeof EXIT.changes,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.usage);
