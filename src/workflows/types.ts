/**
 * The data that crosses the workflow boundary. It is recorded in Temporal's history and shown in
 * the Web UI: it never holds config or secrets, and stays small (no payload near 256 KB).
 */
import type { DataPoint } from '../catalog/model';
import type { Sample, Target } from '../collectors/types';

export type Mode = 'scheduled' | 'manual' | 'backfill';

export interface CycleInput {
  /** The collector to run, e.g. `github`. The only thing a schedule's action carries. */
  readonly collector: string;
  /** The slot to collect (ISO 8601), for manual runs; scheduled runs use their slot time. */
  readonly asOf?: string;
}

export interface PlanInput {
  readonly collector: string;
  readonly asOf: string;
  /** When this run started (ISO 8601): a slot older than one interval at start is a backfill. */
  readonly startedAt: string;
  /** True when a schedule started the run (scheduled slot, trigger or backfill). */
  readonly scheduled: boolean;
  /** Plan on this replica, whichever it is (set when asking the designated planner, or after it did not answer). */
  readonly here?: boolean;
}

/**
 * The answer of a replica that is not the one planning a routed collector's cycles: plan there
 * (src/engine/routing.ts), waiting at most `waitMs` for it to take the plan.
 */
export interface PlanElsewhere {
  readonly planOn: string;
  readonly waitMs: number;
}

export interface RetrySpec {
  readonly maximumAttempts: number;
  readonly initialIntervalMs: number;
  readonly maximumIntervalMs: number;
  readonly backoffCoefficient: number;
}

/** One metric group as the cycle runs it: its own timeout and retry policy. */
export interface GroupPlan {
  readonly name: string;
  readonly timeoutMs: number;
  readonly retry: RetrySpec;
}

export interface CyclePlan {
  readonly collector: string;
  readonly asOf: string;
  readonly mode: Mode;
  readonly groups: readonly GroupPlan[];
  readonly targets: readonly Target[];
  /** Units per batch (one child workflow each). */
  readonly batchSize: number;
  readonly concurrentBatches: number;
  /** After this instant (ISO 8601), points that could not be submitted are dropped and counted. */
  readonly deadline: string;
  /** `collector:…`, `env:…`, `service:…`: the tags of every point, health included. */
  readonly commonTags: readonly string[];
  /** The task queue of this collector's units: its rate budget is enforced there, across replicas. */
  readonly unitTaskQueue: string;
  /** Target affinity (src/engine/routing.ts): where each target's units go, when the cycle routes them. */
  readonly routing?: RoutingPlan;
  /** Set when the collector rolls up (docs/metrics.md#roll-ups): its key tag and the planned groups that roll up. */
  readonly rollup?: RollupPlan;
  /**
   * The units the collector's `skipUnits` left out of the cycle, by group and reason; absent when none.
   * They do not run, send no point and are no failure.
   */
  readonly skipped?: readonly SkippedUnits[];
}

/** The targets of one group that a cycle leaves out for one reason (compact: the reason is said once). */
export interface SkippedUnits {
  readonly group: string;
  readonly reason: string;
  /** Target ids. */
  readonly targets: readonly string[];
}

export interface RoutingPlan {
  /** The live replicas' own unit queues. */
  readonly queues: readonly string[];
  /** The index in `queues` of each target's replica, by target id (compact: 500 targets in about 12 KB). */
  readonly targets: Readonly<Record<string, number>>;
  /** How long a routed unit waits for its replica before it runs on the shared queue. */
  readonly waitMs: number;
}

export interface RollupPlan {
  /** The target tag whose values are the roll-ups, e.g. `org`. */
  readonly key: string;
  readonly groups: readonly string[];
}

export interface Unit {
  readonly group: string;
  readonly target: Target;
  /** The replica queue it is routed to; absent: the shared unit queue. */
  readonly taskQueue?: string;
}

export interface CollectGroupInput {
  readonly collector: string;
  readonly group: string;
  readonly target: Target;
  readonly asOf: string;
  readonly mode: Mode;
}

export interface CollectGroupResult {
  readonly points: DataPoint[];
  /** Points the catalog rejected (dropped, logged). */
  readonly invalid: number;
  /** The unit's sample, for a group that rolls up on a target with the key tag. */
  readonly sample?: Sample;
}

/** A successful unit's sample, on its way to the roll-up of its target's key. */
export interface UnitSample {
  readonly group: string;
  /** The target's id. */
  readonly target: string;
  readonly sample: Sample;
}

/** One roll-up: one group of the targets sharing one value of the key tag. */
export interface RollupGroupInput {
  readonly collector: string;
  readonly asOf: string;
  readonly mode: Mode;
  readonly group: string;
  /** The key tag's value (the organization). */
  readonly key: string;
  /** Every target of the key in the cycle, by id. */
  readonly targets: readonly string[];
  /** The samples of the group's units of those targets that succeeded. */
  readonly samples: readonly UnitSample[];
}

export interface RollupGroupResult {
  readonly points: DataPoint[];
  readonly invalid: number;
  /** Why the roll-up is absent, when it is. */
  readonly absent?: string;
}

/** How one roll-up went, in the cycle's result. */
export interface RollupOutcome {
  readonly group: string;
  /** The key tag's value. */
  readonly key: string;
  /** Valid points it produced (0 when absent or failed). */
  readonly points: number;
  /** Why it produced none, when it is absent by rule (a unit failed) or failed. */
  readonly absent?: string;
  readonly error?: string;
}

export interface SubmitInput {
  readonly collector: string;
  readonly points: readonly DataPoint[];
  readonly deadline: string;
}

export interface SubmitOutput {
  readonly submitted: number;
  readonly dropped: number;
}

export interface BatchInput {
  readonly collector: string;
  readonly asOf: string;
  readonly mode: Mode;
  readonly deadline: string;
  readonly groups: readonly GroupPlan[];
  readonly units: readonly Unit[];
  readonly unitTaskQueue: string;
  /** How long a routed unit waits for its replica (RoutingPlan.waitMs). */
  readonly replicaWaitMs?: number;
  /** Replica queues an earlier batch of the cycle found unserved: their units go to the shared queue. */
  readonly unserved?: readonly string[];
}

export interface UnitOutcome {
  readonly group: string;
  readonly target: string;
  readonly ok: boolean;
  /** Valid points the unit produced. */
  readonly points: number;
  readonly invalid: number;
  /** Why it failed, when it did (the last attempt's error). */
  readonly error?: string;
}

export interface BatchResult {
  readonly outcomes: UnitOutcome[];
  /** The samples of its successful units that roll up; absent when none does. */
  readonly samples?: UnitSample[];
  readonly submitted: number;
  readonly dropped: number;
  /** Set when Datadog refused the points for good (e.g. a bad API key). */
  readonly submitError?: string;
  /** Replica queues whose units nobody took in time (they ran on the shared queue). */
  readonly unserved?: string[];
}

export interface CycleResult {
  readonly collector: string;
  readonly asOf: string;
  readonly mode: Mode;
  /** Units run (skipped ones excluded). */
  readonly units: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Units the collector left out of the cycle (no point, no failure). */
  readonly skipped: number;
  /** Data points submitted (health excluded). */
  readonly submitted: number;
  readonly invalid: number;
  readonly dropped: number;
  readonly durationSeconds: number;
  readonly outcomes: UnitOutcome[];
  /** The skipped units by group and reason, when some were. */
  readonly skips?: readonly SkippedUnits[];
  /** Each roll-up's outcome, when the collector rolls up. */
  readonly rollups?: RollupOutcome[];
}

/** The activities a cycle calls; src/activities implements them. */
export interface CycleActivities {
  planCycle(input: PlanInput): Promise<CyclePlan | PlanElsewhere>;
  collectGroup(input: CollectGroupInput): Promise<CollectGroupResult>;
  rollupGroup(input: RollupGroupInput): Promise<RollupGroupResult>;
  submitMetrics(input: SubmitInput): Promise<SubmitOutput>;
}
