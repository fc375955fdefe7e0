/** The secrets the engine itself reads (the Datadog sink), beside each collector's own. */
import type { SecretDeclaration } from '../collectors/types';
import { KNOWN_SECRETS } from '../secrets/names';

const ENGINE_SECRET_NAMES = ['datadog/api-key', 'datadog/app-key'];

export const ENGINE_SECRETS: readonly SecretDeclaration[] = ENGINE_SECRET_NAMES.map((name) => {
  const known = KNOWN_SECRETS[name];
  if (!known) throw new Error(`${name} is missing from src/secrets/names.ts`);
  return { name, env: known.env, description: known.description };
});
