/**
 * The baseline: the cheapest workflow that does real work, one no-op activity. Bundled on its own
 * (see build-bare-bundle.ts) and run on its own task queue next to the engine's.
 */
import { proxyActivities } from '@temporalio/workflow';

export interface BareActivities {
  noop(): Promise<void>;
}

const { noop } = proxyActivities<BareActivities>({ startToCloseTimeout: '30s' });

export async function bareWorkflow(): Promise<void> {
  await noop();
}
