/**
 * The fake's process of the github-org bench: generates the organization (busy repos, then quiet ones;
 * src/fakes/github/generate) relative to the first slot, serves it from the fake GitHub with buckets
 * that never refuse (the bench measures what a cycle spends, not what an hour allows), and moves its
 * time forward between slots (activity.ts).
 */
import {
  generateDataset,
  startFakeGitHub,
  type FakeDataset,
  type LoggedRequest,
} from '../../src/fakes/github';
import type { FakeSession } from '../collector/spec';
import { advanceOrg, type SlotActivity } from './activity';

export interface OrgStartArgs {
  readonly org: string;
  readonly busy: number;
  readonly quiet: number;
  readonly seed: number;
  /** ISO instant the data is generated for: the first slot's asOf. */
  readonly now: string;
  readonly latencyMs: number;
  readonly token: string;
}

/** What the organization holds, for the table's header. */
export interface OrgDataset {
  readonly repos: number;
  readonly busy: number;
  readonly quiet: number;
  readonly generatedMs: number;
  /** Over the quiet repos, at the first slot. */
  readonly quietRepos: {
    readonly meanCommits: number;
    readonly meanPulls: number;
    readonly meanRuns: number;
    /** Share (0–1) with a commit, a PR update or a run in the last 7 days. */
    readonly activeInWeek: number;
    /** Share (0–1) untouched for 14 days or more. */
    readonly idleTwoWeeks: number;
  };
}

export type OrgFake = {
  start: OrgStartArgs;
  started: { url: string; dataset: OrgDataset };
  request: LoggedRequest;
  ops: {
    /** Applies the activity of (from, to] before slot `slot`; answers what changed. */
    advance: { args: { slot: number; from: string; to: string }; result: SlotActivity };
    /**
     * The token as the slots see it (TOKEN_HOUR): `refill` starts a new hour of 5,000 REST requests
     * and 5,000 GraphQL points; the buckets reset after `slotsLeft` slots of 15 minutes from now.
     */
    tokenHour: { args: { refill: boolean; slotsLeft: number }; result: void };
  };
};

/** Buckets large enough never to refuse, until tokenHour makes them a personal token's. */
const UNLIMITED = 10_000_000;
/** A personal token's hour: 5,000 REST requests and 5,000 GraphQL points. */
export const TOKEN_HOUR = 5000;
const DAY = 86_400_000;

export async function startOrgFake(args: OrgStartArgs): Promise<FakeSession<OrgFake>> {
  const started = Date.now();
  let data = generateDataset({
    seed: args.seed,
    now: new Date(args.now),
    owner: args.org,
    repos: args.busy,
    quietRepos: args.quiet,
  });
  const generatedMs = Date.now() - started;
  const fake = await startFakeGitHub({ dataset: data, latencyMs: args.latencyMs, token: args.token });
  for (const resource of ['core', 'graphql'] as const) {
    fake.setRateLimit({ resource, limit: UNLIMITED, remaining: UNLIMITED });
  }
  return {
    started: { url: fake.url, dataset: summarize(data, args, generatedMs) },
    requests: fake.requests,
    ops: {
      advance({ slot, from, to }) {
        const next = advanceOrg(data, {
          busy: args.busy,
          seed: args.seed,
          slot,
          from: new Date(from),
          to: new Date(to),
        });
        data = next.data;
        fake.replaceDataset(data);
        return Promise.resolve(next.activity);
      },
      tokenHour({ refill, slotsLeft }) {
        // Slots run back to back, faster than their 15 minutes: the reset is set from the real clock,
        // so that a planner reading it sees as many cycles before the refill as the slots have.
        const resetAt = new Date(Date.now() + slotsLeft * 15 * 60_000 - 1000);
        for (const resource of ['core', 'graphql'] as const) {
          fake.setRateLimit({
            resource,
            limit: TOKEN_HOUR,
            resetAt,
            ...(refill ? { remaining: TOKEN_HOUR } : {}),
          });
        }
        return Promise.resolve();
      },
    },
    close: () => fake.close(),
  };
}

function summarize(data: FakeDataset, args: OrgStartArgs, generatedMs: number): OrgDataset {
  const now = Date.parse(args.now);
  const quiet = data.repos.slice(args.busy);
  const n = Math.max(1, quiet.length);
  const mean = (f: (r: (typeof quiet)[number]) => number) =>
    Math.round((quiet.reduce((s, r) => s + f(r), 0) / n) * 10) / 10;
  const lastTouched = quiet.map((r) =>
    Math.max(
      0,
      ...(r.commits ?? []).map((c) => Date.parse(c.committedAt)),
      ...(r.pulls ?? []).map((p) => Date.parse(p.updatedAt)),
      ...(r.runs ?? []).map((x) => Date.parse(x.updatedAt)),
    ),
  );
  const share = (f: (t: number) => boolean) => Math.round((lastTouched.filter(f).length / n) * 100) / 100;
  return {
    repos: data.repos.length,
    busy: args.busy,
    quiet: quiet.length,
    generatedMs,
    quietRepos: {
      meanCommits: mean((r) => r.commits?.length ?? 0),
      meanPulls: mean((r) => r.pulls?.length ?? 0),
      meanRuns: mean((r) => r.runs?.length ?? 0),
      activeInWeek: share((t) => t > now - 7 * DAY),
      idleTwoWeeks: share((t) => t <= now - 14 * DAY),
    },
  };
}
