/**
 * What a collector is. A collector is plain TypeScript with nothing Temporal-specific inside:
 * `collectors collect` (no Temporal) and the `collectGroup` activity call the same `collect`.
 */
import type { z } from 'zod';
import type { Catalog, Point } from '../catalog/model';
import type { Logger } from '../log';
import type { SecretResolver } from '../secrets/types';

/** A configured instance of the source: a repo, a region, an API server. */
export interface Target {
  /** Stable id, unique within the collector (e.g. `owner/name`). Never a secret. */
  readonly id: string;
  /** Tags every point of this target carries (keys declared in the catalog's `targetTags`). */
  readonly tags: Readonly<Record<string, string>>;
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
}

export interface PlanContext<Settings = unknown> {
  readonly asOf: Date;
  readonly settings: Settings;
  readonly secrets: SecretResolver;
  readonly log: Logger;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
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
   * Settings from `collectors collect` flags (e.g. `--repo owner/name`): its `targets` replace the
   * configured ones, its `options` (if any) go over the configured ones; without a config file they are
   * the whole settings. Undefined when the collector takes no flags.
   */
  settingsFromFlags?(flags: Readonly<Record<string, string[]>>): CollectorSettingsInput;
  /** Names of the secrets it reads, for docs and `doctor`. */
  readonly secrets: readonly string[];
  /** The targets of a cycle (e.g. orgs expanded into repos). Called by `planCycle`. */
  targets(ctx: PlanContext<Settings>): Promise<Target[]>;
  /** Computes one group for one target. Throws (see errors.ts) when the unit cannot produce truthful points. */
  collect(ctx: CollectContext<Settings>): Promise<Point[]>;
  /**
   * A cheap authenticated call that proves the credentials and the service (for `collectors doctor`).
   * Resolves to a one-line description (e.g. "GitHub API, 4,998 of 5,000 requests left"); throws otherwise.
   */
  probe(ctx: PlanContext<Settings>): Promise<string>;
  /** What the source allows this collector, shared by every worker replica (a task-queue rate limit). */
  readonly rateBudget: RateBudget;
}

export interface RateBudget {
  /** Activity starts per second across all replicas. */
  readonly unitsPerSecond: number;
  /** Why this number (the source's documented limit and what a unit costs). */
  readonly note: string;
}

/** Collectors by name: the ones a deployment may configure. */
export type Registry = ReadonlyMap<string, Collector<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
