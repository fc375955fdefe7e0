/**
 * What a collector is. A collector is plain TypeScript with nothing Temporal-specific inside:
 * `collectors collect` (no Temporal) and the `collectGroup` activity call the same `collect`.
 */
import type { v1 } from '@datadog/datadog-api-client';
import type { z } from 'zod';
import type { Catalog, Point } from '../catalog/model';
import type { Logger } from '../log';
import type { MonitorSpec } from './kit/monitor-spec';
import type { SecretDeclaration, SecretResolver } from '../secrets/types';

/** A configured instance of the source: a repo, a region, an API server. */
export interface Target {
  /** Stable id, unique within the collector (e.g. `owner/name`). Never a secret. */
  readonly id: string;
  /** Tags every point of this target carries (keys declared in the catalog's `targetTags`). */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * What the plan observed of the target, handed to each of its units: for example a fingerprint of
   * its state that tells a unit whether what it read in an earlier cycle still holds. Small JSON: it
   * travels in the cycle's history.
   */
  readonly observed?: Readonly<Record<string, unknown>>;
}

/** Everything a collector needs for one unit (group × target), injected so tests can fake it. */
export interface CollectContext<Settings = unknown> {
  /** The slot being collected: windows end here. */
  readonly asOf: Date;
  readonly group: string;
  readonly target: Target;
  /** The collector's validated `targets` and `options` from config. */
  readonly settings: Settings;
  readonly secrets: SecretResolver;
  readonly log: Logger;
  /** Outbound HTTP (honours the proxy settings); tests may pass their own. */
  readonly fetch: typeof fetch;
  /** Tell the engine the unit is alive (an activity heartbeat under Temporal). */
  heartbeat(details?: unknown): void;
  /** Aborted when the unit is cancelled or times out. */
  readonly signal: AbortSignal;
  /** 1 for the first attempt of this unit, 2 for its first retry, … */
  readonly attempt: number;
  /**
   * Hands the engine this unit's sample: the events its statistics came from, for the collector's
   * `rollup`. The last call of a successful attempt counts; a failed unit has none.
   */
  sample(sample: Sample): void;
}

/**
 * A compact sample of the events a unit's statistics came from (merge durations, distinct
 * developers…): numbers, lists of numbers, lists of short strings. It crosses the workflow
 * boundary (an activity result, then a roll-up's input), so it holds no objects, no secrets and no
 * personal data (hash identities), and stays small: a few kilobytes for a busy target.
 */
export type Sample = Readonly<Record<string, number | readonly number[] | readonly string[]>>;

/**
 * How a collector computes its roll-up metrics (docs/metrics.md#roll-ups): the targets sharing one
 * value of the catalog's `rollup.key` tag, one group at a time, from the union of their units' samples.
 * The engine calls it only when every unit of that group and key succeeded with a sample.
 */
export interface Rollup {
  /** The roll-up points of `group` (metrics with `rollupOf` only; the engine adds the key tag). */
  compute(input: RollupInput): Point[];
}

export interface RollupInput {
  readonly group: string;
  /** The value of the key tag, e.g. the organization `acme`. */
  readonly key: string;
  /** One sample per target of the key (order unspecified). */
  readonly samples: readonly Sample[];
}

export interface PlanContext<Settings = unknown> {
  readonly asOf: Date;
  /** The cycle fills a past slot (mode backfill): nothing read of the present serves it. */
  readonly backfill?: boolean;
  /** How often the collector runs (its schedule's interval, or a cron's shortest gap), when known. */
  readonly intervalMs?: number;
  readonly settings: Settings;
  readonly secrets: SecretResolver;
  readonly log: Logger;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
  /**
   * Where each target's units run, for a collector that `routeByTarget`s across two or more live
   * replicas (src/engine/routing.ts); absent otherwise (any replica takes any unit).
   */
  readonly routes?: UnitRoutes;
}

/** The replicas of a routed cycle: what a planner needs to know which replica will read what. */
export interface UnitRoutes {
  /** The replica running this plan (its worker's memory is the one `skipUnits` can see). */
  readonly self: string;
  /** The replica a target's units go to. */
  replicaOf(target: string): string;
}

/**
 * The collector-specific part of its config section: `collectors.<name>.targets` and
 * `collectors.<name>.options`, validated together by `settingsSchema`.
 */
export interface CollectorSettingsInput {
  readonly targets?: unknown;
  readonly options?: unknown;
}

export interface Collector<Settings = unknown> {
  /** Also the metric prefix and the `collector:` tag. */
  readonly name: string;
  readonly description: string;
  readonly catalog: Catalog;
  /** Schedule used when config sets none (cron, or an interval such as `15m`). */
  readonly defaultSchedule: string;
  /**
   * Validates `{ targets, options }` of the collector's config section. Issue paths are relative to
   * that section (e.g. `['targets', 'repos', 0]`). Its `options` output must validate again as input:
   * collector flags replace the configured targets and are validated with the configured options.
   */
  readonly settingsSchema: z.ZodType<Settings, CollectorSettingsInput>;
  /**
   * The flags of `collectors collect <name>`: the command declares them (its help lists them, a typo is
   * refused) and hands their values to `settingsFromFlags`, by name. None when the collector takes none.
   */
  readonly flags?: readonly CollectorFlag[];
  /**
   * Settings from `collectors collect` flags (e.g. `--repo owner/name`): its `targets` replace the
   * configured ones, its `options` (if any) go over the configured ones; without a config file they are
   * the whole settings. Only the declared `flags` reach it. Undefined when the collector takes no flags.
   */
  settingsFromFlags?(flags: Readonly<Record<string, string[]>>): CollectorSettingsInput;
  /** Names of the secrets it reads, for docs and `doctor`. */
  readonly secrets: readonly string[];
  /**
   * The secrets a run with these settings cannot do without. `collectors collect` reads each once
   * before any unit runs and stops at a missing one, rather than failing every unit with it.
   * Default: every secret of `deploy.secrets`; a collector whose secrets depend on its settings (a
   * token or an app key) says which.
   */
  requiredSecrets?(settings: Settings): readonly string[];
  /** The targets of a cycle (e.g. orgs expanded into repos). Called by `planCycle`. */
  targets(ctx: PlanContext<Settings>): Promise<Target[]>;
  /**
   * Units of this cycle to leave out, called by `planCycle` after `targets` with every planned unit:
   * for a rate budget that cannot cover them all before the next cycle. A skipped unit sends no point
   * (never a zero), is no failure, and counts in `collector.<name>.group.skipped{group}`. None by default.
   */
  skipUnits?(ctx: PlanContext<Settings>, units: readonly PlannedUnit[]): Promise<readonly SkippedUnit[]>;
  /** Computes one group for one target. Throws (see errors.ts) when the unit cannot produce truthful points. */
  collect(ctx: CollectContext<Settings>): Promise<Point[]>;
  /**
   * Its roll-up metrics, from the units' samples (`ctx.sample`): present exactly when its catalog
   * declares a `rollup` (test/conformance checks it).
   */
  readonly rollup?: Rollup;
  /**
   * A cheap authenticated call that proves the credentials and the service (for `collectors doctor`).
   * Resolves to a one-line description (e.g. "GitHub API, 4,998 of 5,000 requests left"); throws otherwise.
   */
  probe(ctx: PlanContext<Settings>): Promise<string>;
  /**
   * Its units keep what they read in the worker's memory for the target's next cycles: with two or
   * more replicas, a cycle sends every unit of one target to the same replica (src/engine/routing.ts),
   * so each target is read cold once, not once per replica.
   */
  readonly routeByTarget?: boolean;
  /** What the source allows this collector, shared by every worker replica (a task-queue rate limit). */
  readonly rateBudget: RateBudget;
  /**
   * The budget these settings allow, when they change it (a paid plan's higher limit); `rateBudget`
   * otherwise. Workers read it when they start, from the config then: a change needs a restart.
   */
  rateBudgetFor?(settings: Settings): RateBudget;
  /**
   * What deploying it needs besides its code: its secrets documented, its AWS permissions, an example
   * config section. The README, the IAM policy and the Helm test values derive from it (`npm run docs`).
   * Optional for collectors built in tests; every registered one declares it (test/conformance).
   */
  readonly deploy?: DeployDeclaration;
  /**
   * The loopback fake of its service. The sandbox runs the collector against it, and so does the
   * conformance suite. Without one the collector is left out of the sandbox (never run for real).
   */
  readonly sandbox?: SandboxDeclaration;
  /**
   * Hand-written widgets for its generated Datadog dashboard, shown after the catalog's own (e.g. a
   * runtime spread over time). `scope.filter` is the dashboard's template variables as a query scope
   * (`$env,$skypilot_server`): every query puts it between the braces. None by default.
   */
  dashboard?(scope: { readonly filter: string; readonly variables: readonly string[] }): readonly v1.Widget[];
  /**
   * Its own Datadog monitors (its folder's `monitors.ts`), generated after the health monitors every
   * collector gets. None by default.
   */
  readonly monitors?: readonly MonitorSpec[];
}

/** A unit as planned: a group of the cycle × one of its targets. */
export interface PlannedUnit {
  readonly group: string;
  readonly target: Target;
}

/** A unit `skipUnits` leaves out of the cycle, and why (the cycle result and the logs say it). */
export interface SkippedUnit {
  readonly group: string;
  /** The target's id. */
  readonly target: string;
  readonly reason: string;
}

export interface RateBudget {
  /**
   * Activity starts per second across all replicas on the collector's shared unit queue. Units routed
   * to a replica's own queue (`routeByTarget`) start at this rate on each replica.
   */
  readonly unitsPerSecond: number;
  /** Why this number (the source's documented limit and what a unit costs). */
  readonly note: string;
}

/** A flag of `collectors collect <collector>`, e.g. `--repo <owner/name>`. */
export interface CollectorFlag {
  /** `repo` for `--repo`: lower-case words joined by `-`. */
  readonly name: string;
  /** What its value looks like, for the help: `owner/name` shows `--repo <owner/name>`. */
  readonly value: string;
  /** One line for the help. */
  readonly description: string;
  /** May be given more than once (`--repo a/b --repo c/d`); else at most once. */
  readonly repeatable?: boolean;
  /** It names targets: without a config section, a run needs at least one such flag. */
  readonly setsTargets?: boolean;
}

/** Collectors by name: the ones a deployment may configure. */
export type Registry = ReadonlyMap<string, Collector<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type { SecretDeclaration } from '../secrets/types';

/** A statement of the workers' IAM policy (deploy/iam/collectors-policy.json) for the source's own AWS calls. */
export interface IamStatementDeclaration {
  /** Unique in the policy, e.g. `Ec2CollectorDescribeInventory`. */
  readonly sid: string;
  /** Read-only actions, e.g. `ec2:DescribeInstances`. */
  readonly actions: readonly string[];
  /** ARNs, or `*` for actions without resource-level permissions. */
  readonly resources: readonly string[];
  /** Why each action is needed (deploy/iam/README.md). */
  readonly why: string;
}

export interface DeployDeclaration {
  /** Every secret it reads: the README's table, and the IAM policy lets the role read each one. */
  readonly secrets: readonly SecretDeclaration[];
  /** Statements for calls to AWS itself; none for a source outside AWS (reading its secrets is implied). */
  readonly iamStatements: readonly IamStatementDeclaration[];
  /**
   * Its section under `collectors.<name>` as an operator writes it (`targets`, `options`, `groups`…),
   * rendered into the Helm test values (test/helm/values/all-collectors.yaml) and validated there.
   */
  readonly exampleSection: Readonly<Record<string, unknown>>;
}

export interface SandboxDeclaration {
  /** What the banner calls the service (`GitHub`). */
  readonly service: string;
  /**
   * Starts the fake on 127.0.0.1 and a free port, with data relative to the clock. It must load
   * src/fakes/<name> only when called: the fakes are not part of the production image.
   */
  start(options?: SandboxStartOptions): Promise<RunningFake>;
  /**
   * Metrics the fake's data leaves absent on the happy path, each with the reason. Only metrics whose
   * description says "absent when …" qualify; the conformance suite exempts exactly these.
   */
  readonly absentOnHappyPath?: Readonly<Record<string, string>>;
}

export interface SandboxStartOptions {
  /** The dataset is built relative to it and the fake answers as of it. Default: the real clock. */
  readonly now?: () => Date;
}

/** A started fake and what points the collector at it. */
export interface RunningFake {
  /** Base URL of the fake, on 127.0.0.1 and a free port. */
  readonly url: string;
  /** One line for the banner: what the fake serves. */
  readonly serves: string;
  /** The collector's config section (`targets`, `options`) pointing at the fake. */
  readonly section: Record<string, unknown>;
  /** Secret values by secret name (`github/dashboard-token`). */
  readonly secrets: Readonly<Record<string, string>>;
  /** Failure injection: from now on every request gets a server error (5xx), as in an outage. One way. */
  failEveryRequest(): void;
  close(): Promise<void>;
}
