/**
 * The README's list of monitors: each monitor `collectors datadog apply` generates, by key, with its
 * query at the collector's default schedule and the default thresholds (both follow the config).
 */
import type { Registry } from '../collectors/types';
import { collectorMonitors, monitorOptions } from '../datadog/resources/monitors';

export function monitorsTable(registry: Registry): string {
  const options = monitorOptions({ deployment: '<deployment>', env: '<env>' });
  const rows = [...registry.values()].flatMap((collector) =>
    collectorMonitors(collector, options).map(({ key, body }) => {
      const name = body.name ?? key;
      const title = name.slice(name.indexOf(': ') + 2);
      return `| \`${key}\` | ${title} | \`${body.query.replace(/\|/g, '\\|')}\` |`;
    }),
  );
  return ['| key | alerts on | query (default schedule and thresholds) |', '|---|---|---|', ...rows].join(
    '\n',
  );
}
