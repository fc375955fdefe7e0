/**
 * What the docs say about every registered collector, from the registry: docs/metrics.md's list of
 * the collectors' own docs (its metric table and how each metric is computed, the two sections every
 * collector README has) and the README's table of what each sends.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Collector, Registry } from '../collectors/types';

const readmeOf = (c: Collector<unknown>) => `src/collectors/${c.name}/README.md`;

/** A collector's title, as its README's heading says (`# GitHub collector` → GitHub). */
function titleOf(c: Collector<unknown>, root: string): string {
  const heading = /^# (.+)$/m.exec(readFileSync(join(root, readmeOf(c)), 'utf8'))?.[1];
  return heading?.replace(/ collector$/, '') ?? c.name;
}

/** One line per collector. */
export function collectorDocsList(reg: Registry, root: string): string {
  return [...reg.values()]
    .map((c) => {
      const readme = readmeOf(c);
      return `- ${titleOf(c, root)}: [its metrics](../${readme}#metrics), [how each is computed](../${readme}#how-each-metric-is-computed)`;
    })
    .join('\n');
}

/** The README's table: per collector, its target tags, what it sends, how many metrics, how often. */
export function collectorsTable(reg: Registry, root: string): string {
  const code = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');
  return [
    '| collector | target tags | what it sends | metrics | default schedule |',
    '|---|---|---|---|---|',
    ...[...reg.values()].map((c) => {
      const metrics = c.catalog.metrics.filter((m) => !m.deprecated).length;
      return (
        `| [${titleOf(c, root)}](${readmeOf(c)}) | ${code(Object.keys(c.catalog.targetTags))} | ` +
        `${c.description} | [${metrics}](${readmeOf(c)}#metrics) | \`${c.defaultSchedule}\` |`
      );
    }),
  ].join('\n');
}
