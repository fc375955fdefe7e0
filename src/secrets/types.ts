/** Resolves named secrets (e.g. `datadog/api-key`). Values never leave the activity that asked. */
export interface SecretResolver {
  /** The secret's value, or undefined when it is set nowhere. */
  get(name: string): Promise<string | undefined>;
  /** The secret's value; throws a PermanentError naming where to set it when missing. */
  require(name: string): Promise<string>;
}

/** A secret a collector (or the engine) reads. */
export interface SecretDeclaration {
  /** The AWS Secrets Manager secret id, `<service>/<name>` (e.g. `github/dashboard-token`). */
  readonly name: string;
  /** The variable that also sets it, for local runs and the env backend (e.g. `GITHUB_TOKEN`). */
  readonly env: string;
  /** For the README's secrets table: what it is, and when it is needed. */
  readonly description: string;
}
