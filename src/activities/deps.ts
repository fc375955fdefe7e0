import type { Sink } from '../datadog/types';
import type { Runtime } from '../engine/runtime';
import type { Logger } from '../log';
import type { SecretResolver } from '../secrets/types';

/** What the activities need, built once by the worker (tests pass their own). */
export interface ActivityDeps {
  /** The deployment's config as of now: read at every call, so edits apply to the next cycle. */
  runtime(): Runtime | Promise<Runtime>;
  readonly secrets: SecretResolver;
  readonly sink: Sink;
  readonly log: Logger;
  readonly fetch: typeof fetch;
  /**
   * This process's replica id, also its workers' Temporal identity (src/engine/routing.ts). Set by
   * the worker; without it no cycle routes units by target.
   */
  readonly replica?: string;
}
