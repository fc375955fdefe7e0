/** From validated file values to the resolved Config: derived defaults and milliseconds. */
import type { GroupDef, RetryDef } from '../catalog/model';
import type { Collector } from '../collectors/types';
import { parseDuration } from '../time/duration';
import { parseSchedule, scheduleIntervalMs } from '../time/schedule';
import { MAX_CATCHUP_WINDOW_WITHOUT_HMI, type CollectorSection, type ConfigFile } from './schema';
import type { CollectorConfig, Config, GroupConfig, HistoricalIngestionConfig, RetryConfig } from './types';
import type { TemporalProfileLayer } from './temporal-profile';
import { packageVersion } from './version';

export function resolveConfig(
  file: ConfigFile,
  collectors: Readonly<Record<string, CollectorConfig>>,
  env: NodeJS.ProcessEnv,
  source: string,
  profile?: Pick<TemporalProfileLayer, 'ref' | 'hasApiKey'>,
): Config {
  const { temporal, datadog, secrets } = file;
  const tls = temporal.tls ?? {};
  const apiKey = Boolean(env.TEMPORAL_API_KEY) || Boolean(profile?.hasApiKey);
  return {
    source,
    deployment: file.deployment,
    temporal: {
      address: temporal.address,
      namespace: temporal.namespace,
      taskQueue: temporal.taskQueue ?? `${file.deployment}-collectors`,
      tls: {
        ...tls,
        // Temporal Cloud with an API key, or mTLS, needs TLS; plain localhost does not.
        enabled: tls.enabled ?? (apiKey || tls.clientCertFile !== undefined),
      },
      ...(profile?.ref ? { profile: profile.ref } : {}),
    },
    datadog: {
      site: datadog.site,
      url: (datadog.url ?? `https://api.${datadog.site}`).replace(/\/+$/, ''),
      urlOverridden: datadog.url !== undefined,
      env: datadog.env,
      service: datadog.service,
      version: datadog.version ?? packageVersion(),
      tags: datadog.tags,
      historicalIngestion: withMs(datadog.historicalIngestion),
      resources: datadog.resources,
    },
    secrets: { ...secrets, ttlMs: parseDuration(secrets.ttl) },
    cycle: { ...file.cycle, replicaWaitMs: parseDuration(file.cycle.replicaWait) },
    worker: file.worker,
    collectors,
  };
}

export function withMs(h: { enabled: boolean; retryFor: string }): HistoricalIngestionConfig {
  return { enabled: h.enabled, retryFor: h.retryFor, retryForMs: parseDuration(h.retryFor) };
}

/** One collector's config from its (validated) section, or from defaults when it has none. */
export function resolveCollectorConfig(
  collector: Collector,
  section: CollectorSection | undefined,
  settings: unknown,
  defaultHistoricalIngestion: HistoricalIngestionConfig,
): CollectorConfig {
  const schedule = parseSchedule(section?.schedule ?? collector.defaultSchedule);
  const groups: Record<string, GroupConfig> = {};
  for (const def of collector.catalog.groups) {
    const g: GroupSection | undefined = section?.groups?.[def.name];
    groups[def.name] = resolveGroup(def, g);
  }
  return {
    name: collector.name,
    enabled: section?.enabled ?? true,
    schedule,
    intervalMs: scheduleIntervalMs(schedule),
    historicalIngestion: withMs({
      enabled: section?.historicalIngestion?.enabled ?? defaultHistoricalIngestion.enabled,
      retryFor: section?.historicalIngestion?.retryFor ?? defaultHistoricalIngestion.retryFor,
    }),
    catchupWindow: section?.catchupWindow ?? MAX_CATCHUP_WINDOW_WITHOUT_HMI,
    catchupWindowMs: parseDuration(section?.catchupWindow ?? MAX_CATCHUP_WINDOW_WITHOUT_HMI),
    groups,
    targetTags: section?.targetTags ?? {},
    settings,
  };
}

interface GroupSection {
  enabled: boolean;
  timeout?: string;
  retry?: RetryDef;
}

function resolveGroup(def: GroupDef, section: GroupSection | undefined): GroupConfig {
  const timeout = section?.timeout ?? def.timeout;
  const merged: RetryDef = { ...def.retry, ...stripUndefined(section?.retry ?? {}) };
  const retry: RetryConfig = {
    ...merged,
    ...(merged.initialInterval && { initialIntervalMs: parseDuration(merged.initialInterval) }),
    ...(merged.maximumInterval && { maximumIntervalMs: parseDuration(merged.maximumInterval) }),
  };
  return { enabled: section?.enabled ?? true, timeout, timeoutMs: parseDuration(timeout), retry };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
