import { Command, InvalidArgumentError } from 'commander';
import { estimateCardinality, estimateHealthCardinality } from '../catalog/cardinality';
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
      healthMetrics: estimateHealthCardinality(c.catalog.groups.length, targets),
    };
  });
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of targets, at least 1');
  return n;
}

export function listCommand(io: CliIo): Command {
  return new Command('list')
    .description('list the implemented collectors, their metrics and a custom-metric cardinality estimate')
    .option('--json', 'print JSON')
    .option('--targets <n>', 'targets per collector for the estimate (repos, servers, …)', positiveInt, 1)
    .action((opts: { json?: boolean; targets: number }) => {
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
        '\nCustom metrics = distinct (metric, tag set) series Datadog bills; env/service tags are constant.',
      );
    });
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
