/**
 * The resolved configuration: defaults applied, env overrides in, derived values computed.
 * Durations appear twice: as written (for messages and `collectors config`) and in milliseconds
 * (`…Ms`, what Temporal and timers take; Temporal's own duration strings don't accept `1h30m`).
 */
import type { DatadogResourcesConfig } from './datadog-resources';
import type { Schedule } from '../time/schedule';
import type { TemporalProfileRef } from './temporal-profile';

/** A documented Datadog site, or another one of Datadog's site domains (src/config/sites.ts). */
export type DatadogSite = string;

export interface Config {
  /** The file it was read from, or `env` when no file was read. */
  readonly source: string;
  readonly deployment: string;
  readonly temporal: TemporalConfig;
  readonly datadog: DatadogConfig;
  readonly secrets: SecretsConfig;
  readonly cycle: CycleConfig;
  readonly worker: WorkerConfig;
  /** Collectors that have a section in the file, by name (disabled ones included). */
  readonly collectors: Readonly<Record<string, CollectorConfig>>;
}

export interface TemporalConfig {
  readonly address: string;
  readonly namespace: string;
  /** `<deployment>-collectors` unless set. */
  readonly taskQueue: string;
  readonly tls: TlsConfig;
  /** The Temporal profile that filled in what the file left unset (its API key is read from it). */
  readonly profile?: TemporalProfileRef;
}

export interface TlsConfig {
  /** As set, else true when TEMPORAL_API_KEY or a client certificate is set. */
  readonly enabled: boolean;
  readonly serverName?: string;
  readonly serverRootCaFile?: string;
  readonly clientCertFile?: string;
  readonly clientKeyFile?: string;
}

export interface DatadogConfig {
  readonly site: DatadogSite;
  /** API base URL: `datadog.url` when set, else `https://api.<site>`. */
  readonly url: string;
  /** True when `url` came from `datadog.url` / DD_URL rather than the site. */
  readonly urlOverridden: boolean;
  readonly env: string;
  readonly service: string;
  /** `datadog.version` / DD_VERSION, else the project's version. */
  readonly version: string;
  /** User tags on every point, `key:value` (`datadog.tags` / DD_TAGS). */
  readonly tags: readonly string[];
  readonly historicalIngestion: HistoricalIngestionConfig;
  /** `datadog.resources`: the dashboards, monitors and metadata `collectors datadog` manages. */
  readonly resources: DatadogResourcesConfig;
}

export interface HistoricalIngestionConfig {
  readonly enabled: boolean;
  readonly retryFor: string;
  readonly retryForMs: number;
}

export interface SecretsConfig {
  readonly backend: 'env' | 'aws';
  /** Always set when backend is aws. */
  readonly region?: string;
  readonly endpoint?: string;
  readonly ttl: string;
  readonly ttlMs: number;
}

export interface CycleConfig {
  readonly batchSize: number;
  readonly concurrentBatches: number;
  readonly replicaWait: string;
  readonly replicaWaitMs: number;
}

export interface WorkerConfig {
  /** /healthz and /readyz; 0 = off. */
  readonly healthPort: number;
  /** Prometheus /metrics of the Temporal runtime; 0 = off. */
  readonly metricsPort: number;
}

export interface CollectorConfig {
  readonly name: string;
  /** False when its section says `enabled: false`. */
  readonly enabled: boolean;
  /** From the section, else the collector's default schedule. */
  readonly schedule: Schedule;
  /** How often it runs: the interval, or the shortest gap between a cron's fire times. */
  readonly intervalMs: number;
  /** The collector's section merged over `datadog.historicalIngestion`. */
  readonly historicalIngestion: HistoricalIngestionConfig;
  /** How late a missed slot may still start (the schedule's catch-up window). */
  readonly catchupWindow: string;
  readonly catchupWindowMs: number;
  /** Every group of the collector's catalog, catalog defaults merged with the section's `groups`. */
  readonly groups: Readonly<Record<string, GroupConfig>>;
  /** User tags of the points of some targets, by target id or glob, `key:value` (see tagsForTarget). */
  readonly targetTags: Readonly<Record<string, readonly string[]>>;
  /** The output of the collector's `settingsSchema` for `{ targets, options }`. */
  readonly settings: unknown;
}

export interface GroupConfig {
  readonly enabled: boolean;
  readonly timeout: string;
  readonly timeoutMs: number;
  readonly retry: RetryConfig;
}

/** Temporal retry policy fields; unset ones keep Temporal's defaults. */
export interface RetryConfig {
  readonly maximumAttempts?: number;
  readonly initialInterval?: string;
  readonly initialIntervalMs?: number;
  readonly maximumInterval?: string;
  readonly maximumIntervalMs?: number;
  readonly backoffCoefficient?: number;
}
