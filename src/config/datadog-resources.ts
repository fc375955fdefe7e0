/**
 * `datadog.resources`: the dashboards, monitors and metric metadata this deployment keeps in Datadog
 * (`collectors datadog plan|apply|export`). The monitors' keys are `<collector>.<monitor id>`: the
 * health monitors every collector gets (HEALTH_MONITOR_IDS) and each collector's own
 * (src/collectors/<name>/monitors.ts). A threshold or a `disable` pattern that names no monitor is
 * refused, so a typo cannot silently leave a monitor on.
 */
import { z } from 'zod';
import type { Registry } from '../collectors/types';
import { globMatcher } from '../util/glob';

/** The health monitors every collector gets, by id (src/datadog/resources/monitors.ts). */
export const HEALTH_MONITOR_IDS = [
  'no-data',
  'repeated-errors',
  'unit-failing',
  'points-dropped',
  'invalid-points',
] as const;

export type HealthMonitorId = (typeof HEALTH_MONITOR_IDS)[number];

/** Every monitor key the registered collectors can generate: `github.no-data`, `github.rate-limit-low`, … */
export function monitorKeys(registry: Registry): string[] {
  return [...registry.values()].flatMap((c) => [
    ...HEALTH_MONITOR_IDS.map((id) => `${c.name}.${id}`),
    ...(c.monitors ?? []).map((m) => `${c.name}.${m.id}`),
  ]);
}

const HANDLE = /^@[\w.+-]+(?:@[\w.-]+)?$/;

const positiveInt = (what: string, fallback: number) =>
  z.number().int().min(1).default(fallback).describe(what);

export const datadogResourcesSchema = (registry: Registry) =>
  z
    .strictObject({
      enabled: z
        .boolean()
        .default(false)
        .describe(
          'This deployment manages its Datadog dashboards, monitors and metric metadata: `collectors doctor` checks ' +
            'the application key (datadog/app-key, DD_APP_KEY) and the Helm chart runs `collectors datadog apply` ' +
            'after each deploy. `collectors datadog plan|apply|export` work either way.',
        ),
      dashboards: z
        .boolean()
        .default(true)
        .describe('Manage one dashboard per enabled collector and "Collectors health".'),
      monitors: z
        .boolean()
        .default(true)
        .describe('Manage the monitors (health monitors and each collector’s own).'),
      metadata: z
        .boolean()
        .default(true)
        .describe('Set the metric metadata (unit, description) of every metric of the enabled collectors.'),
      notify: z
        .array(
          z
            .string()
            .regex(HANDLE, 'must be a Datadog notification handle such as @slack-ops or @ops@example.com'),
        )
        .default([])
        .describe(
          'Notification handles appended to every monitor’s message (e.g. [@slack-ops, @pagerduty-collectors]).',
        ),
      errors: z
        .strictObject({
          threshold: z
            .number()
            .int()
            .min(0)
            .default(5)
            .describe('Failed units of one cycle above which the cycle counts as erroring.'),
          cycles: positiveInt('Consecutive erroring cycles before the monitor alerts.', 3),
        })
        .prefault({})
        .describe('The repeated-errors monitor of every collector.'),
      unitFailedCycles: positiveInt(
        'Consecutive cycles in which one unit (group × target) failed before the unit-failing monitor alerts.',
        2,
      ),
      thresholds: z
        .record(z.string(), z.number().finite())
        .default({})
        .describe(
          'Thresholds of the collectors’ own monitors, by key <collector>.<monitor id> (e.g. github.rate-limit-low: 300), ' +
            'in the metric’s unit. The README lists every monitor and its default.',
        ),
      disable: z
        .array(z.string().min(1))
        .default([])
        .describe(
          'Monitors not to manage, as keys or globs of <collector>.<monitor id> (e.g. [*.invalid-points, ec2.*]). ' +
            'With `apply --prune`, a disabled monitor this deployment created is deleted.',
        ),
    })
    .superRefine((section, ctx) => {
      const keys = monitorKeys(registry);
      const own = new Set(
        [...registry.values()].flatMap((c) => (c.monitors ?? []).map((m) => `${c.name}.${m.id}`)),
      );
      for (const key of Object.keys(section.thresholds)) {
        if (!own.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: ['thresholds', key],
            message: `no collector monitor is called "${key}": use one of ${[...own].join(', ')} (health monitors take errors and unitFailedCycles)`,
          });
        }
      }
      section.disable.forEach((pattern, i) => {
        if (!keys.some(globMatcher([pattern]))) {
          ctx.addIssue({
            code: 'custom',
            path: ['disable', i],
            message: `"${pattern}" names no monitor: keys are <collector>.<monitor id>, e.g. ${keys.slice(0, 3).join(', ')}`,
          });
        }
      });
    })
    .describe('Dashboards, monitors and metric metadata generated from the catalogs (`collectors datadog`).');

export type DatadogResourcesConfig = z.output<ReturnType<typeof datadogResourcesSchema>>;
