import { Command, InvalidArgumentError } from 'commander';
import { estimateCardinality, healthCardinality } from '../catalog/cardinality';
import {
  catalogListing,
  commonTagsSentence,
  descriptionText,
  tagsText,
  type MetricListing,
} from '../catalog/docs';
import { healthCatalog } from '../catalog/health';
import type { Collector } from '../collectors/types';
import { PLANNED_COLLECTORS } from '../config/issues';
import { usageError } from './errors';
import type { CliIo } from './io';
import { print } from './io';

export interface CollectorListing {
  readonly name: string;
  readonly description: string;
  readonly defaultSchedule: string;
  readonly groups: string[];
  readonly metrics: number;
  readonly backfillable: number;
  readonly targets: number;
  /** Distinct series (custom metrics) of its metrics for that many targets. */
  readonly customMetrics: number;
  /** Health series for that many targets. */
  readonly healthMetrics: number;
}

export function listCollectors(io: CliIo, targets: number): CollectorListing[] {
  return [...io.registry.values()].map((c) => {
    const estimate = estimateCardinality(c.catalog, targets);
    return {
      name: c.name,
      description: c.description,
      defaultSchedule: c.defaultSchedule,
      groups: c.catalog.groups.map((g) => g.name),
      metrics: estimate.metrics,
      backfillable: c.catalog.metrics.filter((m) => m.backfill && !m.deprecated).length,
      targets,
      customMetrics: estimate.total,
      healthMetrics: healthCardinality(c.catalog.groups.length, targets).total,
    };
  });
}

/** `collectors list <collector>`: its whole catalog, health metrics included. */
export interface CatalogListing {
  readonly name: string;
  readonly description: string;
  readonly defaultSchedule: string;
  readonly groups: { readonly name: string; readonly description: string; readonly timeout: string }[];
  /** Tag keys every point of a target carries. */
  readonly targetTags: string[];
  /** Tags every point carries besides its own and its target's, in words. */
  readonly commonTags: string;
  readonly metrics: MetricListing[];
  readonly health: MetricListing[];
  readonly targets: number;
  readonly customMetrics: number;
  readonly healthMetrics: number;
}

export function listCatalog(io: CliIo, name: string, targets: number): CatalogListing {
  const c = io.registry.get(name);
  if (!c) throw unknownCollector(io, name);
  return {
    name: c.name,
    description: c.description,
    defaultSchedule: c.defaultSchedule,
    groups: c.catalog.groups.map((g) => ({ name: g.name, description: g.description, timeout: g.timeout })),
    targetTags: Object.keys(c.catalog.targetTags),
    commonTags: commonTagsSentence(c.catalog),
    metrics: catalogListing(c.catalog),
    // group.success's `group` takes this collector's groups.
    health: catalogListing(healthCatalog(c.name)).map((m) => ({
      ...m,
      tags: m.tags.map((t) =>
        t.key === 'group' ? { key: 'group', values: c.catalog.groups.map((g) => g.name) } : t,
      ),
    })),
    targets,
    customMetrics: estimateCardinality(c.catalog, targets).total,
    healthMetrics: healthCardinality(c.catalog.groups.length, targets).total,
  };
}

function unknownCollector(io: CliIo, name: string): Error {
  const known = [...io.registry.keys()];
  const these = known.length ? `this build has ${known.join(', ')}` : 'this build has none';
  const planned = (PLANNED_COLLECTORS as readonly string[]).includes(name);
  return usageError(
    `${planned ? 'collector not implemented yet' : 'unknown collector'}: ${name} (${these}; \`collectors list\` shows them)`,
  );
}

/** The health estimate as a sum, so that a reader can check it. */
function healthArithmetic(c: Collector, targets: number): string {
  const h = healthCardinality(c.catalog.groups.length, targets);
  return (
    `${h.cycleGauges} cycle gauges × ${h.modes} modes + ${h.groupGauges} group gauge (group.skipped) × ` +
    `${h.groups} groups × ${h.modes} modes + ${h.unitGauges} unit gauge (group.success) × ` +
    `${h.groups} groups × ${h.targets} target(s) × ${h.modes} modes = ${h.total}`
  );
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of targets, at least 1');
  return n;
}

export function listCommand(io: CliIo): Command {
  return new Command('list')
    .description(
      "list the implemented collectors with a custom-metric cardinality estimate, or one collector's metrics",
    )
    .argument('[collector]', 'a collector: list every metric of its catalog, its health metrics included')
    .option('--json', 'print JSON')
    .option('--targets <n>', 'targets per collector for the estimate (repos, servers, …)', positiveInt, 1)
    .action((name: string | undefined, opts: { json?: boolean; targets: number }) => {
      if (name !== undefined) return printCatalog(io, listCatalog(io, name, opts.targets), opts.json);
      const rows = listCollectors(io, opts.targets);
      if (opts.json) return print(io.stdout, JSON.stringify(rows, null, 2));
      if (!rows.length) return print(io.stdout, 'No collectors are implemented in this build.');
      const header = [
        'collector',
        'schedule',
        'groups',
        'metrics',
        'backfill',
        `custom metrics (${opts.targets} target(s))`,
      ];
      const table = rows.map((r) => [
        r.name,
        r.defaultSchedule,
        r.groups.join(','),
        String(r.metrics),
        String(r.backfillable),
        `${r.customMetrics} + ${r.healthMetrics} health`,
      ]);
      print(io.stdout, formatTable([header, ...table]));
      print(
        io.stdout,
        [
          '',
          'Custom metrics: the distinct (metric, tag set) series Datadog bills, at most, for that many targets.',
          'Health: each cycle gauge once per mode (scheduled, manual, backfill), group.skipped once per group and mode,',
          'group.success once per unit and mode:',
          ...[...io.registry.values()].map((c) => `  ${c.name}: ${healthArithmetic(c, opts.targets)}`),
          'The tags collector, env, service, version and the configured ones are constant within a deployment: they',
          'add no series (a new version starts new ones). `collectors list <collector>` lists its metrics.',
        ].join('\n'),
      );
    });
}

function printCatalog(io: CliIo, listing: CatalogListing, json: boolean | undefined): void {
  if (json) return print(io.stdout, JSON.stringify(listing, null, 2));
  const c = io.registry.get(listing.name)!;
  const rows = (metrics: MetricListing[]) =>
    metrics.map((m) => [
      m.name,
      m.group,
      m.unit,
      tagsText(m) || '-',
      m.backfill ? 'B' : '',
      descriptionText(m),
    ]);
  const header = ['metric', 'group', 'unit', 'tags', 'B', 'description'];
  print(
    io.stdout,
    [
      `${listing.name}: ${listing.description}`,
      `Default schedule ${listing.defaultSchedule}; groups ${listing.groups.map((g) => g.name).join(', ')}.`,
      '',
      formatTable([
        header,
        ...rows(listing.metrics),
        [],
        ['health metrics (every cycle)'],
        ...rows(listing.health),
      ]),
      '',
      `B: can be backfilled (a truthful value for a past asOf). ${listing.commonTags}`,
      `Custom metrics for ${listing.targets} target(s): ${listing.customMetrics} + ${listing.healthMetrics} health ` +
        `(${healthArithmetic(c, listing.targets)}).`,
    ].join('\n'),
  );
}

export function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
