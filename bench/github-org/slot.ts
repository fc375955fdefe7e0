/**
 * One slot: the cycle started as `collectors trigger` would, with its asOf (a workflow of the engine,
 * on the deployment's task queue), while the replicas' RSS is sampled and the progress printed; then
 * what the fake GitHub served meanwhile, the cycle's wall time and the histories of it and its batches.
 */
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import type { Fake } from '../collector/spec';
import type { OrgFake } from './fake';
import { cycleHistories, type CycleHistories } from './history';
import { RSS_SAMPLE_MS, type Replica } from './replicas';
import type { SlotActivity } from './activity';
import type { CycleResult, SkippedUnits } from '../../src/workflows/types';

const PROGRESS_EVERY_MS = 30_000;

export interface SlotRow {
  /** 1-based. */
  readonly slot: number;
  readonly kind: 'cold' | 'warm';
  readonly asOf: string;
  /** The engine's mode for the cycle (`manual`: started by hand with its asOf). */
  readonly mode: string;
  /** What changed in the organization since the previous slot. */
  readonly activity?: SlotActivity;
  /** A replica was killed and started again before this slot. */
  readonly restartedReplica: boolean;
  readonly units: number;
  readonly failedUnits: number;
  /** Units the budget planner left out of the cycle. */
  readonly skippedUnits: number;
  /** Of them, by group. */
  readonly skippedByGroup: Readonly<Record<string, number>>;
  readonly firstError?: string;
  /** Rate-limited REST requests (core, 304s excluded), from the fake's log. */
  readonly restRequests: number;
  readonly graphqlPoints: number;
  readonly graphqlRequests: number;
  /** Conditional requests answered 304: free. */
  readonly notModified: number;
  /** Requests charged to no bucket (GET /rate_limit). */
  readonly freeRequests: number;
  /** The slot's requests by route (repo and ids left out, query keys kept): where the requests go. */
  readonly byRoute: Readonly<Record<string, RouteCount>>;
  /** Start to close of the cycle workflow. */
  readonly wallSeconds: number;
  /** The units' part of it, as the cycle reports it (`durationSeconds`). */
  readonly unitsSeconds: number;
  /** Peak RSS of each replica during the slot. */
  readonly rssPeakMB: readonly number[];
  readonly history: CycleHistories;
  /** Data and health points the fake intake accepted during the slot. */
  readonly pointsReceived: number;
}

export interface SlotContext {
  readonly client: Client;
  readonly fake: Fake<OrgFake>;
  readonly replicas: readonly Replica[];
  readonly taskQueue: string;
  readonly deployment: string;
  /** Points the intake accepted so far. */
  readonly pointsAccepted: () => number;
  readonly progress: (line: string) => void;
}

export async function runSlot(
  ctx: SlotContext,
  slot: { index: number; of: number; asOf: Date; units: number; activity?: SlotActivity; restarted: boolean },
): Promise<SlotRow> {
  const workflowId = `${ctx.deployment}-github-${slot.asOf.toISOString()}`;
  const label = `slot ${slot.index}/${slot.of} (${slot.index === 1 ? 'cold' : 'warm'}, asOf ${slot.asOf.toISOString()})`;
  const doneBefore = ctx.replicas.map((r) => r.unitsDone);
  const done = () => ctx.replicas.reduce((s, r, i) => s + r.unitsDone - doneBefore[i]!, 0);
  const pointsBefore = ctx.pointsAccepted();
  for (const r of ctx.replicas) r.takePeak();
  const started = performance.now();
  const report = () => {
    const n = Math.min(done(), slot.units);
    const elapsed = (performance.now() - started) / 1000;
    const eta = n > 0 ? ((slot.units - n) * elapsed) / n : undefined;
    ctx.progress(
      `${label}: ${n}/${slot.units} units, ${elapsed.toFixed(0)} s` +
        (eta === undefined ? '' : `, ETA ${duration(eta)}`),
    );
  };
  const sampler = setInterval(() => ctx.replicas.forEach((r) => r.sample()), RSS_SAMPLE_MS);
  const reporter = setInterval(report, PROGRESS_EVERY_MS);

  let outcome: { result?: CycleResult; error?: string };
  let requests: OrgFake['request'][];
  try {
    ({ run: outcome, requests } = await ctx.fake.around(async () => {
      const handle = await ctx.client.workflow.start('collectionCycle', {
        taskQueue: ctx.taskQueue,
        workflowId,
        args: [{ collector: 'github', asOf: slot.asOf.toISOString() }],
      });
      try {
        return { result: (await handle.result()) as CycleResult };
      } catch (err) {
        return { error: err instanceof Error ? `${err.message}${causeOf(err)}` : String(err) };
      }
    }));
  } finally {
    clearInterval(sampler);
    clearInterval(reporter);
  }
  report();
  const description = await ctx.client.workflow.getHandle(workflowId).describe();
  const wallSeconds =
    ((description.closeTime ?? new Date()).getTime() - description.startTime.getTime()) / 1000;
  const history = await cycleHistories(ctx.client, workflowId);

  const charged = requests.filter((r) => r.resource !== 'none' && r.status !== 304);
  const result = outcome.result;
  const failed = result?.outcomes.filter((o) => !o.ok) ?? [];
  return {
    slot: slot.index,
    kind: slot.index === 1 ? 'cold' : 'warm',
    asOf: slot.asOf.toISOString(),
    mode: result?.mode ?? 'failed',
    ...(slot.activity ? { activity: slot.activity } : {}),
    restartedReplica: slot.restarted,
    units: result?.units ?? 0,
    failedUnits: result ? result.failed : slot.units,
    skippedUnits: result?.skipped ?? 0,
    skippedByGroup: skippedByGroup(result?.skips ?? []),
    ...(outcome.error || failed[0]
      ? { firstError: outcome.error ?? `${failed[0]!.group} ${failed[0]!.target}: ${failed[0]!.error}` }
      : {}),
    restRequests: charged.filter((r) => r.resource === 'core').length,
    graphqlPoints: charged.filter((r) => r.resource === 'graphql').reduce((s, r) => s + r.cost, 0),
    graphqlRequests: charged.filter((r) => r.resource === 'graphql').length,
    notModified: requests.filter((r) => r.status === 304).length,
    freeRequests: requests.filter((r) => r.resource === 'none').length,
    byRoute: countByRoute(requests),
    wallSeconds,
    unitsSeconds: result?.durationSeconds ?? 0,
    rssPeakMB: ctx.replicas.map((r) => Math.round(r.takePeak() / 1e5) / 10),
    history,
    pointsReceived: ctx.pointsAccepted() - pointsBefore,
  };
}

function skippedByGroup(skips: readonly SkippedUnits[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of skips) out[s.group] = (out[s.group] ?? 0) + s.targets.length;
  return out;
}

export interface RouteCount {
  /** Answered and charged to a bucket (GraphQL: requests, not points). */
  charged: number;
  notModified: number;
}

/** `GET /repos/:owner/:repo/actions/workflows/:id/runs?branch&created&…`, `POST /graphql fingerprints`. */
export function routeOf(r: Pick<OrgFake['request'], 'method' | 'path' | 'operation'>): string {
  const [path = '', query = ''] = r.path.split('?');
  const shape = path
    .replace(/^\/repos\/[^/]+\/[^/]+/, '/repos/:owner/:repo')
    .replace(/^\/orgs\/[^/]+/, '/orgs/:org')
    .replace(/\/(\d+|[0-9a-f]{40}|[^/]+\.ya?ml)(?=\/|$)/g, '/:id');
  const keys = [...new URLSearchParams(query).keys()].sort().join('&');
  return `${r.method} ${shape}${keys ? `?${keys}` : ''}${r.operation ? ` ${r.operation}` : ''}`;
}

function countByRoute(requests: readonly OrgFake['request'][]): Record<string, RouteCount> {
  const out: Record<string, RouteCount> = {};
  for (const r of requests) {
    const count = (out[routeOf(r)] ??= { charged: 0, notModified: 0 });
    if (r.status === 304) count.notModified++;
    else if (r.resource !== 'none') count.charged++;
  }
  return out;
}

function causeOf(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? `: ${cause.message}${causeOf(cause)}` : '';
}

export function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
