/** The README's table of every secret a deployment may read. */
import { deploymentSecrets } from '../collectors/secrets';
import type { Registry } from '../collectors/types';

export function secretsTable(registry: Registry): string {
  return [
    '| secret | environment variable | what |',
    '|---|---|---|',
    ...deploymentSecrets(registry).map((s) => `| \`${s.name}\` | \`${s.env}\` | ${s.description} |`),
  ].join('\n');
}
