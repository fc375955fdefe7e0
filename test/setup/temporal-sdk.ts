/**
 * Run before each test file: the first time the file (or a module it loads) requires
 * @temporalio/worker, the SDK's Runtime is installed with its logs going to test/support/sdk-log.ts.
 * Lazily, so the test files that never touch Temporal pay nothing.
 */
import type * as TemporalWorker from '@temporalio/worker';
import { installTestRuntime } from '../support/sdk-log';

jest.mock('@temporalio/worker', () => {
  const worker = jest.requireActual<typeof TemporalWorker>('@temporalio/worker');
  installTestRuntime(worker);
  return worker;
});
