/**
 * The wrapper every `bench/<name>.ts` ends with: parses the arguments (exit 2 and the usage on
 * a bad one, the usage and exit 0 on --help), stops what the bench started on SIGINT/SIGTERM (exit
 * 130) or after a failure (exit 1), and exits 0 once `main` is done.
 */
export interface BenchSpec<O> {
  readonly usage: string;
  /** The options, or 'help' for --help; throws on a bad argument. */
  readonly parse: (argv: readonly string[]) => O | 'help';
  readonly main: (options: O) => Promise<void>;
  /** Stops whatever is still running (servers, child processes); must not reject. */
  readonly cleanup: () => Promise<void>;
  readonly progress: (line: string) => void;
}

export function runBench<O>({ usage, parse, main, cleanup, progress }: BenchSpec<O>): void {
  let options: O | 'help';
  try {
    options = parse(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${usage}\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const onSignal = (signal: NodeJS.Signals): void => {
    progress(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  main(options).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(
        `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      void cleanup().finally(() => process.exit(1));
    },
  );
}
