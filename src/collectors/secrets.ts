/** Every secret a deployment may read: the engine's, then each registered collector's declared ones. */
import { ENGINE_SECRETS } from '../secrets/names';
import type { SecretDeclaration } from '../secrets/types';
import type { Registry } from './types';

export function deploymentSecrets(registry: Registry): SecretDeclaration[] {
  return [...ENGINE_SECRETS, ...[...registry.values()].flatMap((c) => c.deploy?.secrets ?? [])];
}
