/** Resolves named secrets (e.g. `datadog/api-key`). Values never leave the activity that asked. */
export interface SecretResolver {
  /** The secret's value, or undefined when it is set nowhere. */
  get(name: string): Promise<string | undefined>;
  /** The secret's value; throws a PermanentError naming where to set it when missing. */
  require(name: string): Promise<string>;
}
