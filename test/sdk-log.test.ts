/**
 * Passing tests print nothing: what the Temporal SDK logs goes into memory (test/support/sdk-log.ts),
 * and the test environment (test/setup/environment.ts) prints it only after a test that failed.
 */
import type { Circus } from '@jest/types';
import { Runtime } from '@temporalio/worker';
import TestEnvironment from './setup/environment';
import { sdkLog, testRuntimeInstalled } from './support/sdk-log';

afterEach(() => jest.restoreAllMocks());

test("the SDK's Runtime logs into memory, as JSON lines, and not to the console", () => {
  const stderr = jest.spyOn(process.stderr, 'write');
  const stdout = jest.spyOn(process.stdout, 'write');
  const consoleLog = jest.spyOn(console, 'log');
  const consoleError = jest.spyOn(console, 'error');
  expect(testRuntimeInstalled()).toBe(true);
  Runtime.instance().logger.warn('Activity failed', { activityType: 'collectGroup', attempt: 2 });
  // The SDK holds lines back 100 ms to put them in order.
  Runtime.instance().flushLogs();
  expect(JSON.parse(sdkLog.lines.at(-1)!)).toMatchObject({
    level: 'warn',
    msg: 'Activity failed',
    activityType: 'collectGroup',
    attempt: 2,
  });
  // Below the level the memory logger keeps.
  const kept = sdkLog.lines.length;
  Runtime.instance().logger.debug('Worker polled');
  Runtime.instance().flushLogs();
  expect(sdkLog.lines).toHaveLength(kept);
  expect([stderr, stdout, consoleLog, consoleError].map((spy) => spy.mock.calls.length)).toEqual([
    0, 0, 0, 0,
  ]);
});

describe('the test environment', () => {
  /** A test named `name` inside describe block `block`, done with `errors`. */
  function testDone(errors: unknown[]): Circus.Event {
    const root = { name: 'ROOT_DESCRIBE_BLOCK', parent: undefined };
    const block = { name: 'collectionCycle', parent: root };
    return { name: 'test_done', test: { name: 'retries a failed unit', parent: block, errors } } as never;
  }
  /**
   * Runs the environment's handler on `lines` as a test file's sdk-log holds them; the SDK still holds
   * back `late` until flushed.
   */
  function handle(lines: string[], event: Circus.Event, late: string[] = []): string {
    const written: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const flush = () => lines.push(...late.splice(0));
    const env = { global: { __temporalSdkLog: lines, __temporalSdkFlush: flush } };
    TestEnvironment.prototype.handleTestEvent.call(env as never, event);
    jest.restoreAllMocks();
    return written.join('');
  }

  test('after a failed test, prints what the SDK logged since the previous test, then forgets it', () => {
    const lines = ['{"level":"warn","msg":"Activity failed"}'];
    const late = ['{"level":"info","msg":"Worker state changed"}'];
    expect(handle(lines, testDone([new Error('expected 1 to be 2')]), late)).toBe(
      '\nThe Temporal SDK\'s logs during "collectionCycle › retries a failed unit" (2 lines):\n' +
        '{"level":"warn","msg":"Activity failed"}\n{"level":"info","msg":"Worker state changed"}\n',
    );
    expect(lines).toEqual([]);
  });

  test('after a passing test, prints nothing and forgets the lines', () => {
    const lines = ['{"level":"warn","msg":"No workflows registered, not polling for workflow tasks"}'];
    expect(handle(lines, testDone([]))).toBe('');
    expect(lines).toEqual([]);
  });
});
