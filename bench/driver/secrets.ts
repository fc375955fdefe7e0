/** The benches' secrets: a fixed set in memory (a fake's token, or none), never a real store. */
import { PermanentError } from '../../src/errors';
import type { SecretResolver } from '../../src/secrets/types';

/** Resolves exactly the names in `values`; any other is a bench bug, so `require` fails for good. */
export function secretsOf(values: Readonly<Record<string, string>>): SecretResolver {
  const get = (name: string) => (Object.hasOwn(values, name) ? values[name] : undefined);
  return {
    get: (name) => Promise.resolve(get(name)),
    require: (name) => {
      const value = get(name);
      return value === undefined
        ? Promise.reject(new PermanentError(`the bench has no secret ${name}`))
        : Promise.resolve(value);
    },
  };
}

export const noSecrets = secretsOf({});
