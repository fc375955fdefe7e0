/**
 * jest's node environment, and when a test fails, what the Temporal SDK logged since the previous
 * test ended (test/support/sdk-log.ts keeps it in memory), so a failure keeps its context while
 * passing tests print nothing.
 */
import type { Circus } from '@jest/types';
import NodeEnvironment from 'jest-environment-node';

export default class TestEnvironment extends NodeEnvironment {
  handleTestEvent(event: Circus.Event): void {
    if (event.name !== 'test_done') return;
    const lines = this.global.__temporalSdkLog;
    if (!lines) return;
    if (event.test.errors.length) {
      this.global.__temporalSdkFlush?.();
      if (lines.length) {
        process.stderr.write(
          `\nThe Temporal SDK's logs during "${testName(event.test)}" (${lines.length} lines):\n` +
            `${lines.join('\n')}\n`,
        );
      }
    }
    lines.length = 0;
  }
}

function testName(test: Circus.TestEntry): string {
  const names = [test.name];
  // Up to the root block, which has no parent and no name of the test's.
  for (let block = test.parent; block.parent; block = block.parent) names.unshift(block.name);
  return names.join(' › ');
}
