/**
 * docs/metrics.md's list of the collectors' own docs: for every registered collector, its metric
 * table and how each metric is computed, the two sections every collector README has.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Registry } from '../collectors/types';

/** One line per collector, titled as its README is (`# GitHub collector` → GitHub). */
export function collectorDocsList(reg: Registry, root: string): string {
  return [...reg.values()]
    .map((c) => {
      const readme = `src/collectors/${c.name}/README.md`;
      const heading = /^# (.+)$/m.exec(readFileSync(join(root, readme), 'utf8'))?.[1];
      const title = heading?.replace(/ collector$/, '') ?? c.name;
      return `- ${title}: [its metrics](../${readme}#metrics), [how each is computed](../${readme}#how-each-metric-is-computed)`;
    })
    .join('\n');
}
