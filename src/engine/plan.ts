/**
 * Plans a cycle: its mode, the groups to run (with their policies), the targets and the submission
 * deadline. The `planCycle` activity and `collectors collect` share it.
 */
import { PermanentError } from '../errors';
import type {
  Collector,
  PlanContext,
  PlannedUnit,
  SkippedUnit,
  Target,
  UnitRoutes,
} from '../collectors/types';
import { tagsForTarget, unmatchedTargetTags } from '../config/tags';
import type { Logger } from '../log';
import type { SecretResolver } from '../secrets/types';
import { compactSkipped, skippedCount } from '../workflows/skipped';
import type { CyclePlan, Mode, PlanElsewhere, RoutingPlan, SkippedUnits } from '../workflows/types';
import { commonTags, cycleMode, submitDeadline, unitTaskQueue } from './cycle-rules';
import { rollupPlan } from './rollup';
import { plannerOf, replicaFor, replicaQueue } from './routing';
import type { CollectorRuntime, Runtime } from './runtime';

/** The worker replicas a plan can route units to (src/engine/routing.ts). */
export interface Replicas {
  /** The replica running the plan. */
  readonly self: string;
  /** The replicas polling the shared unit queue now. */
  live(unitQueue: string): Promise<readonly string[]>;
}

export interface PlanRequest {
  readonly runtime: Runtime;
  readonly collector: string;
  readonly asOf: Date;
  readonly startedAt: Date;
  readonly scheduled: boolean;
  readonly secrets: SecretResolver;
  readonly log: Logger;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
  /** Set on a worker: a collector that `routeByTarget`s has its units routed over these. */
  readonly replicas?: Replicas;
}

/**
 * Where a routed collector's live cycle is planned, when not on this replica: the replica that
 * started first plans them all (`plannerOf`), so a planner that remembers what its plans let run
 * (GitHub's budget planner) sees every cycle, and a replica that restarts does not take the role.
 * Undefined: plan here (one replica, a backfill, a collector that does not route, replicas unknown).
 */
export async function plannerElsewhere(req: PlanRequest): Promise<PlanElsewhere | undefined> {
  const { runtime, replicas } = req;
  const c = runtime.collector(req.collector);
  if (!routesUnits(c.collector, requestMode(req, c)) || !replicas) return undefined;
  const unitQueue = unitTaskQueue(runtime.taskQueue, c.collector.name);
  const live = await replicas.live(unitQueue).catch(() => [] as readonly string[]);
  if (live.length < 2) return undefined;
  const planner = plannerOf(live);
  if (planner === undefined || planner === replicas.self) return undefined;
  return { planOn: replicaQueue(unitQueue, planner), waitMs: runtime.replicaWaitMs };
}

export async function planCycle(req: PlanRequest): Promise<CyclePlan> {
  const { runtime, asOf, startedAt } = req;
  const c = runtime.collector(req.collector);
  const mode = requestMode(req, c);
  const log = req.log.child({ collector: c.collector.name, asOf: asOf.toISOString(), mode });

  const backfillable = (group: string) =>
    c.collector.catalog.metrics.some((m) => m.group === group && m.backfill);
  const groups = c.groups.filter((g) => mode !== 'backfill' || backfillable(g.name));
  const skipped = c.groups.filter((g) => !groups.includes(g)).map((g) => g.name);
  if (skipped.length) log.info('backfill: groups without backfillable metrics skipped', { groups: skipped });

  const planContext: PlanContext = {
    asOf,
    backfill: mode === 'backfill',
    intervalMs: c.intervalMs,
    settings: c.settings,
    secrets: req.secrets,
    log,
    fetch: req.fetch,
    signal: req.signal,
  };
  const targets = await c.collector.targets(planContext);
  checkTargets(c.collector.name, Object.keys(c.collector.catalog.targetTags), targets);
  // The user's tags of each target travel with it (config validation keeps their keys apart from the catalog's).
  const targetTags = c.targetTags ?? {};
  const tagged = targets.map((t) => ({ ...t, tags: { ...t.tags, ...tagsForTarget(targetTags, t.id) } }));
  const unmatched = unmatchedTargetTags(
    targetTags,
    targets.map((t) => t.id),
  );
  if (unmatched.length) {
    log.warn(`collectors.${c.collector.name}.targetTags: entries that match no target of this cycle`, {
      entries: unmatched,
    });
  }
  const unitQueue = unitTaskQueue(runtime.taskQueue, c.collector.name);
  const routes =
    routesUnits(c.collector, mode) && req.replicas
      ? await unitRoutes(req.replicas, unitQueue, log)
      : undefined;
  const units = tagged.flatMap((target) => groups.map((g): PlannedUnit => ({ group: g.name, target })));
  const skippedUnits = await unitsToSkip(
    c.collector,
    routes ? { ...planContext, routes } : planContext,
    units,
    log,
  );
  log.info('cycle planned', {
    groups: groups.map((g) => g.name),
    targets: targets.length,
    ...(skippedUnits.length ? { skipped: skippedCount(skippedUnits) } : {}),
  });
  const rollup = rollupPlan(
    c.collector,
    groups.map((g) => g.name),
  );
  return {
    collector: c.collector.name,
    asOf: asOf.toISOString(),
    mode,
    groups,
    targets: tagged,
    batchSize: runtime.batchSize,
    concurrentBatches: runtime.concurrentBatches,
    deadline: submitDeadline({ asOf, startedAt, historicalIngestion: c.historicalIngestion }).toISOString(),
    commonTags: cycleCommonTags(runtime, c.collector.name),
    unitTaskQueue: unitQueue,
    ...(routes ? { routing: routingPlan(routes, tagged, unitQueue, runtime.replicaWaitMs) } : {}),
    ...(rollup ? { rollup } : {}),
    ...(skippedUnits.length ? { skipped: skippedUnits } : {}),
  };
}

function requestMode(req: PlanRequest, c: CollectorRuntime): Mode {
  return cycleMode({
    asOf: req.asOf,
    startedAt: req.startedAt,
    scheduled: req.scheduled,
    intervalMs: c.intervalMs,
  });
}

/** A live cycle of a collector that keeps reads in worker memory; a backfill reads nothing kept. */
function routesUnits(collector: Collector, mode: Mode): boolean {
  return collector.routeByTarget === true && mode !== 'backfill';
}

function routingPlan(
  routes: UnitRoutes,
  targets: readonly Target[],
  unitQueue: string,
  waitMs: number,
): RoutingPlan {
  const replicas = [...new Set(targets.map((t) => routes.replicaOf(t.id)))].sort();
  const index = new Map(replicas.map((r, i) => [r, i]));
  return {
    queues: replicas.map((r) => replicaQueue(unitQueue, r)),
    targets: Object.fromEntries(targets.map((t) => [t.id, index.get(routes.replicaOf(t.id))!])),
    waitMs,
  };
}

/**
 * Routes over the live replicas, when there are two or more (with one, the shared queue reaches it
 * anyway). Not knowing them routes nothing: any replica can run any unit, only at a higher cost.
 */
async function unitRoutes(
  replicas: Replicas,
  unitQueue: string,
  log: Logger,
): Promise<UnitRoutes | undefined> {
  let live: readonly string[];
  try {
    live = await replicas.live(unitQueue);
  } catch (err) {
    log.warn('the live replicas are unknown: units are not routed this cycle', {
      error: err instanceof Error ? err.message : String(err),
    });
    return undefined;
  }
  if (live.length < 2) return undefined;
  log.info('units routed by target', { replicas: live });
  const chosen = new Map<string, string>();
  return {
    self: replicas.self,
    replicaOf(target) {
      let replica = chosen.get(target);
      if (replica === undefined) chosen.set(target, (replica = replicaFor(target, live) ?? replicas.self));
      return replica;
    },
  };
}

/**
 * The units the collector's `skipUnits` leaves out of the cycle, checked against the planned ones:
 * an answer naming a unit that was not planned, one twice or one without a reason is a bug of the
 * collector and fails the plan. A `skipUnits` that throws skips nothing: a planner failure never stops collection.
 */
async function unitsToSkip(
  collector: Collector,
  ctx: PlanContext,
  units: readonly PlannedUnit[],
  log: Logger,
): Promise<SkippedUnits[]> {
  if (!collector.skipUnits || units.length === 0) return [];
  let answer: readonly SkippedUnit[];
  try {
    answer = await collector.skipUnits(ctx, units);
  } catch (err) {
    log.warn('skipUnits failed: no unit is skipped this cycle', {
      error: err instanceof Error ? err.message : String(err),
    });
    return [];
  }
  const planned = new Set(units.map((u) => `${u.group}\u0000${u.target.id}`));
  const seen = new Set<string>();
  const bad = (what: string) =>
    new PermanentError(
      `${collector.name}: skipUnits answered ${what}`,
      `a bug of the ${collector.name} collector to report: skipUnits names only units it was given, each once, with a reason`,
    );
  if (!Array.isArray(answer)) throw bad('something other than a list');
  for (const u of answer as readonly unknown[]) {
    const s = u as Partial<SkippedUnit> | null;
    const name = `${String(s?.group)} ${String(s?.target)}`;
    if (typeof s?.group !== 'string' || typeof s.target !== 'string') {
      throw bad(`an entry without a group and a target id: ${JSON.stringify(u)}`);
    }
    const key = `${s.group}\u0000${s.target}`;
    if (!planned.has(key)) throw bad(`a unit that is not planned in this cycle: ${name}`);
    if (seen.has(key)) throw bad(`the unit ${name} twice`);
    if (typeof s.reason !== 'string' || s.reason.trim() === '') {
      throw bad(`the unit ${name} without a reason`);
    }
    seen.add(key);
  }
  const skipped = compactSkipped(answer);
  for (const s of skipped) {
    log.info('units skipped', { group: s.group, reason: s.reason, units: s.targets.length });
  }
  return skipped;
}

/** The common tags of a collector's points in this deployment (see commonTags). */
export function cycleCommonTags(runtime: Runtime, collector: string): string[] {
  const { env, service, version, tags } = runtime;
  return commonTags({ collector, env, service, version, tags });
}

/** Target ids must be unique and target tags declared: both would silently merge series otherwise. */
function checkTargets(collector: string, declaredTags: string[], targets: readonly Target[]): void {
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.id))
      throw new PermanentError(`${collector}: target ${t.id} is listed twice`, 'remove the duplicate');
    seen.add(t.id);
    for (const key of Object.keys(t.tags)) {
      if (!declaredTags.includes(key)) {
        throw new PermanentError(`${collector}: target ${t.id} has undeclared tag "${key}"`);
      }
    }
  }
}
