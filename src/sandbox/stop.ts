/**
 * Stopping `collectors dev`: the first SIGINT, SIGTERM or SIGHUP starts a clean stop (the worker
 * drains, then the fakes and the dev server are stopped). A Ctrl-C typed under `npm start` arrives
 * twice (from the terminal and forwarded by npm): signals within a moment of the first are that same
 * stop. A signal after that stops at once (`onForce`, then exit 130).
 *
 * A parent that dies without passing a signal on (`kill -9` of npm) also starts a clean stop: the
 * parent process id is checked every second, so the dev server is never left behind by an orphan.
 */

export interface StopControl {
  /** Aborted when the stop starts; its reason says why. */
  readonly signal: AbortSignal;
  /** Starts the stop from the program itself (a failure). */
  stop(reason: string): void;
  /** Removes the signal handlers (after everything is stopped). */
  dispose(): void;
}

export interface StopOptions {
  readonly say: (line: string) => void;
  /** Synchronous last resort before exiting on a later signal (kill child processes). */
  readonly onForce: () => void;
  /** Signals this soon after the first are duplicates of it. */
  readonly duplicateWindowMs?: number;
  /** How often to check that the parent process still runs (0: never). */
  readonly parentCheckMs?: number;
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function stopControl(options: StopOptions): StopControl {
  const controller = new AbortController();
  const windowMs = options.duplicateWindowMs ?? 1_500;
  let firstAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      firstAt = Date.now();
      options.say(
        `\n${signal}: stopping — the worker finishes the units it runs, then the rest stops ` +
          '(Ctrl-C again: at once)',
      );
      controller.abort(signal);
      return;
    }
    if (Date.now() - firstAt < windowMs) return;
    options.say(`${signal} again: stopping at once`);
    try {
      options.onForce();
    } finally {
      process.exit(130);
    }
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  const parent = process.ppid;
  const checkMs = options.parentCheckMs ?? 1_000;
  const watchdog =
    checkMs > 0 && parent > 1
      ? setInterval(() => {
          if (process.ppid === parent || controller.signal.aborted) return;
          options.say(`\nthe parent process (pid ${parent}) is gone: stopping`);
          controller.abort('parent exited');
        }, checkMs).unref()
      : undefined;
  return {
    signal: controller.signal,
    stop: (reason) => {
      if (!controller.signal.aborted) controller.abort(reason);
    },
    dispose: () => {
      for (const s of SIGNALS) process.off(s, onSignal);
      if (watchdog) clearInterval(watchdog);
    },
  };
}
