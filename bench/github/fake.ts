/**
 * The GitHub bench's fake, in a process of its own: the dataset of 50 busy repos alone holds ~170 MB
 * of heap, which in the bench's process would swamp the memory being measured, and the fake's CPU
 * would compete with the collector's on the same event loop. Generates the dataset, serves it with the
 * fake GitHub, applies the change between cycles and computes the baseline.
 */
import {
  generateDataset,
  startFakeGitHub,
  type FakeDataset,
  type LoggedRequest,
} from '../../src/fakes/github';
import type { FakeSession } from '../collector/spec';
import { leastPages, type RepoBaseline } from './baseline';
import { CHANGE_DESCRIPTION, changedDataset } from './change';

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

export type GithubFake = {
  start: StartArgs;
  /** The fake GitHub's base URL. */
  started: { url: string };
  request: LoggedRequest;
  ops: {
    /**
     * The least pages each repo's data needs for a cycle at `asOf`, against what the previous cycle
     * saw (see baseline.ts); the next call compares with this one.
     */
    baseline: { args: { asOf: string }; result: RepoBaseline[] };
    /** Applies the small change of `from`..`to` to every repo (see change.ts); answers what changed. */
    change: { args: { from: string; to: string }; result: { description: string } };
  };
};

/** Buckets large enough never to refuse: the bench measures what a cycle costs, not the hourly budget. */
const UNLIMITED = 10_000_000;

export async function startGithubFake(args: StartArgs): Promise<FakeSession<GithubFake>> {
  let data = generateDataset({ seed: args.seed, now: new Date(args.now), repos: args.repos });
  const fake = await startFakeGitHub({ dataset: data, latencyMs: args.latencyMs, token: args.token });
  for (const resource of ['core', 'graphql'] as const) {
    fake.setRateLimit({ resource, limit: UNLIMITED, remaining: UNLIMITED });
  }
  /** The data and asOf of the last baseline: what a warm cycle's baseline compares with. */
  let previous: { data: FakeDataset; asOf: Date } | undefined;
  return {
    started: { url: fake.url },
    requests: fake.requests,
    ops: {
      baseline({ asOf }) {
        const at = new Date(asOf);
        const baseline = leastPages(data, at, args, previous);
        previous = { data, asOf: at };
        return Promise.resolve(baseline);
      },
      change({ from, to }) {
        data = changedDataset(data, new Date(from), new Date(to));
        fake.replaceDataset(data);
        return Promise.resolve({ description: CHANGE_DESCRIPTION });
      },
    },
    close: () => fake.close(),
  };
}
