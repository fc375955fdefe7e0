/**
 * Where the Temporal SDK's logs go in tests. The SDK logs through its Runtime (workers starting and
 * stopping, failed activities and workflows, the core's own warnings); its default logger prints
 * plain text amid jest's report. test/setup/temporal-sdk.ts installs the Runtime, the first time a
 * test file loads @temporalio/worker, with a logger into memory: passing tests print nothing, and
 * test/setup/environment.ts prints what the SDK said during a test that failed.
 */
import type * as TemporalWorker from '@temporalio/worker';
import { memoryLogger, type LogLevel } from '../../src/log';

declare global {
  /** The lines of `sdkLog`, for the test environment, which lives outside the test's modules. */
  var __temporalSdkLog: string[] | undefined;
  /** Writes into `sdkLog` what the SDK still holds back (it keeps lines 100 ms to order them). */
  var __temporalSdkFlush: (() => void) | undefined;
}

/** What the SDK said in this test file, as JSON lines like the product's logs (src/log.ts). */
export const sdkLog = memoryLogger('info');
globalThis.__temporalSdkLog = sdkLog.lines;

const LEVELS: Record<TemporalWorker.LogLevel, LogLevel> = {
  TRACE: 'debug',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

let installed = false;

/**
 * Installs the SDK's Runtime logging into `sdkLog`: when a test file first loads @temporalio/worker,
 * so before anything could instantiate another (the SDK allows one Runtime per module registry).
 */
export function installTestRuntime(worker: typeof TemporalWorker): void {
  worker.Runtime.install({
    // Stamped with the SDK's time of the line, not the later one it reaches the logger at.
    logger: new worker.DefaultLogger('INFO', ({ level, message, meta, timestampNanos }) =>
      sdkLog[LEVELS[level]](message, {
        ...meta,
        time: new Date(Number(timestampNanos / 1_000_000n)).toISOString(),
      }),
    ),
    // The core's own lines too: by default it writes them to stderr itself.
    telemetryOptions: { logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } } },
    // Signals stay jest's: a Ctrl-C ends the run, not just the workers of one test file.
    shutdownSignals: [],
  });
  installed = true;
  globalThis.__temporalSdkFlush = () => worker.Runtime.instance().flushLogs();
}

/** Whether installTestRuntime ran for this test file. */
export function testRuntimeInstalled(): boolean {
  return installed;
}
