/**
 * The messages between the bench (the measured "worker" process) and the child process that hosts
 * the fake GitHub and its dataset. The dataset of 50 busy repos alone holds ~170 MB of heap: in the
 * bench's own process it would swamp the memory being measured, and the fake's CPU would compete
 * with the collector's on the same event loop.
 */
import type { LoggedRequest } from '../../src/fakes/github';
import type { RepoBaseline } from './baseline';

export interface StartArgs {
  readonly repos: number;
  readonly seed: number;
  /** ISO instant the generated data is relative to (the cold cycle's asOf). */
  readonly now: string;
  readonly latencyMs: number;
  readonly token: string;
  /** The workflows the collector is configured with (the baseline needs them). */
  readonly testWorkflows: readonly string[];
  readonly benchmarkWorkflows: readonly string[];
}

/** Each operation's argument and result. */
export interface HostOps {
  /** Generates the dataset and starts the fake; answers its URL. */
  start: { args: StartArgs; result: { url: string } };
  /**
   * Marks a cycle at `asOf` about to run: empties the request log, and answers the least pages each
   * repo's data needs, against what the previous cycle saw (see baseline.ts).
   */
  beginCycle: { args: { asOf: string }; result: { baseline: RepoBaseline[] } };
  /** The requests the fake served since beginCycle, and the CPU time its process spent meanwhile. */
  endCycle: { args: Record<string, never>; result: { requests: LoggedRequest[]; cpuMs: number } };
  /** Applies the small change of `from`..`to` to every repo (see change.ts); answers what changed. */
  change: { args: { from: string; to: string }; result: { description: string } };
  stop: { args: Record<string, never>; result: Record<string, never> };
}
