/**
 * What `collectors datadog` generates for a deployment, from its config: the enabled collectors and
 * their schedules, which kinds of resources it manages, and the monitors' thresholds and routing.
 */
import type { Collector, Registry } from '../../collectors/types';
import type { Config } from '../../config';
import { monitorOptions, type MonitorOptions } from './monitors';

export interface ResourceOptions {
  readonly deployment: string;
  readonly env: string;
  /** The enabled collectors, in registry order, each with its schedule as written (or its default). */
  readonly collectors: readonly { readonly collector: Collector<unknown>; readonly schedule: string }[];
  /** Which kinds of resources are managed (`datadog.resources.dashboards|monitors|metadata`). */
  readonly dashboards: boolean;
  readonly monitors: boolean;
  readonly metadata: boolean;
  readonly monitorOptions: MonitorOptions;
  /** Keys or globs of monitors left out (`*.invalid-points`). */
  readonly disabledMonitors: readonly string[];
}

export function resourceOptionsFromConfig(config: Config, registry: Registry): ResourceOptions {
  const resources = config.datadog.resources;
  const collectors = [...registry.values()].flatMap((collector) => {
    const section = config.collectors[collector.name];
    if (section === undefined || !section.enabled) return [];
    const schedule = section.schedule.kind === 'cron' ? section.schedule.expression : section.schedule.text;
    return [{ collector: collector as Collector<unknown>, schedule }];
  });
  return {
    deployment: config.deployment,
    env: config.datadog.env,
    collectors,
    dashboards: resources.dashboards,
    monitors: resources.monitors,
    metadata: resources.metadata,
    monitorOptions: monitorOptions({
      deployment: config.deployment,
      env: config.datadog.env,
      notify: resources.notify,
      errors: resources.errors,
      unitFailedCycles: resources.unitFailedCycles,
      thresholds: resources.thresholds,
    }),
    disabledMonitors: resources.disable,
  };
}
