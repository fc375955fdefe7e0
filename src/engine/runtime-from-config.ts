/** The engine's Runtime from a loaded Config and the registry of implemented collectors. */
import { PermanentError } from '../errors';
import type { Registry } from '../collectors/types';
import type { Config, GroupConfig } from '../config';
import type { GroupPlan, RetrySpec } from '../workflows/types';
import type { Runtime } from './runtime';

/** Retries of a unit when config sets none: a few quick attempts, then the next cycle tries again. */
export const DEFAULT_UNIT_RETRY: RetrySpec = {
  maximumAttempts: 3,
  initialIntervalMs: 1_000,
  maximumIntervalMs: 60_000,
  backoffCoefficient: 2,
};

export function runtimeFromConfig(config: Config, registry: Registry): Runtime {
  return {
    taskQueue: config.temporal.taskQueue,
    env: config.datadog.env,
    service: config.datadog.service,
    version: config.datadog.version,
    tags: config.datadog.tags,
    batchSize: config.cycle.batchSize,
    concurrentBatches: config.cycle.concurrentBatches,
    replicaWaitMs: config.cycle.replicaWaitMs,
    collector(name) {
      const collector = registry.get(name);
      if (!collector) {
        throw new PermanentError(
          `collector ${name} is not implemented`,
          `use one of: ${[...registry.keys()].join(', ') || '(none)'}`,
        );
      }
      const section = config.collectors[name];
      if (!section) {
        throw new PermanentError(
          `collector ${name} has no section in ${config.source}`,
          `add collectors.${name} to the config`,
        );
      }
      if (!section.enabled) {
        throw new PermanentError(
          `collector ${name} is disabled in ${config.source}`,
          `set collectors.${name}.enabled: true, or remove its schedule`,
        );
      }
      return {
        collector,
        settings: section.settings,
        groups: Object.entries(section.groups)
          .filter(([, g]) => g.enabled)
          .map(([groupName, g]) => groupPlan(groupName, g)),
        intervalMs: section.intervalMs,
        historicalIngestion: section.historicalIngestion,
        targetTags: section.targetTags,
      };
    },
  };
}

function groupPlan(name: string, g: GroupConfig): GroupPlan {
  return {
    name,
    timeoutMs: g.timeoutMs,
    retry: {
      maximumAttempts: g.retry.maximumAttempts ?? DEFAULT_UNIT_RETRY.maximumAttempts,
      initialIntervalMs: g.retry.initialIntervalMs ?? DEFAULT_UNIT_RETRY.initialIntervalMs,
      maximumIntervalMs: g.retry.maximumIntervalMs ?? DEFAULT_UNIT_RETRY.maximumIntervalMs,
      backoffCoefficient: g.retry.backoffCoefficient ?? DEFAULT_UNIT_RETRY.backoffCoefficient,
    },
  };
}
