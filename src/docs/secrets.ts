/** Every secret a deployment may need: the engine's, then each registered collector's declared ones. */
import type { Registry, SecretDeclaration } from '../collectors/types';
import { ENGINE_SECRETS } from './engine-secrets';

export function deploymentSecrets(registry: Registry): SecretDeclaration[] {
  return [...ENGINE_SECRETS, ...[...registry.values()].flatMap((c) => c.deploy?.secrets ?? [])];
}

/** The README's secrets table. */
export function secretsTable(registry: Registry): string {
  return [
    '| secret | environment variable | what |',
    '|---|---|---|',
    ...deploymentSecrets(registry).map((s) => `| \`${s.name}\` | \`${s.env}\` | ${s.description} |`),
  ].join('\n');
}
