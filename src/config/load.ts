/**
 * Reading and validating the config: one YAML file plus env overrides, checked at start-up with
 * every problem reported at once (ConfigError).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parseDocument } from 'yaml';
import type { Registry } from '../collectors/types';
import { applyEnvOverrides } from './env';
import type { ConfigIssue } from './errors';
import { ConfigError } from './errors';
import { errorMap, toConfigIssues } from './issues';
import { resolveCollectorConfig, resolveConfig, withMs } from './resolve';
import { NO_PROFILE, profileSource, temporalProfileLayer, underFile } from './temporal-profile';
import type { CollectorSection } from './schema';
import { configFileSchema } from './schema';
import type { CollectorConfig, Config } from './types';

export const DEFAULT_CONFIG_PATH = './collectors.yaml';

export interface LoadConfigOptions {
  /** From `--config`; else env COLLECTORS_CONFIG; else ./collectors.yaml. */
  readonly path?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly registry: Registry;
  /**
   * True for commands that need a real deployment (worker, schedules). When false and no file exists
   * at the default path, the config comes from defaults and env alone. A path given explicitly
   * (flag or env) must always exist.
   */
  readonly required: boolean;
  /** See ParseConfigOptions. */
  readonly temporalProfile?: boolean;
}

export function loadConfig({
  path,
  env = process.env,
  registry,
  required,
  temporalProfile,
}: LoadConfigOptions): Config {
  const explicit = path ?? (env.COLLECTORS_CONFIG || undefined);
  const file = explicit ?? DEFAULT_CONFIG_PATH;
  if (!existsSync(file)) {
    if (explicit === undefined && !required) {
      return parseConfig({}, { env, registry, source: 'env', temporalProfile });
    }
    const how = explicit === undefined ? ', or point --config or COLLECTORS_CONFIG at one' : '';
    throw new ConfigError([
      {
        source: file,
        path: '',
        message:
          `no such file (${resolvePath(file)}): create it${how}; e.g. \`datadog: { env: prod }\` and a ` +
          '`collectors:` section (schema/collectors-config.schema.json describes every key)',
      },
    ]);
  }
  const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
  const yamlError = doc.errors[0]; // later errors are mostly consequences of the first
  if (yamlError) {
    const where = yamlError.message.split('\n')[0]!.replace(/:$/, '');
    // An unquoted cron (`schedule: */15 * * * *`) is the usual cause: YAML reads `*` as an alias.
    const hint = /alias/i.test(where) ? ` (quote values that start with *, e.g. '*/15 * * * *')` : '';
    throw new ConfigError([{ source: file, path: '', message: `invalid YAML: ${where}${hint}` }]);
  }
  return parseConfig(doc.toJS() as unknown, { env, registry, source: file, temporalProfile });
}

export interface ParseConfigOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly registry: Registry;
  /** Named in every issue: the file's path, or `env`. */
  readonly source: string;
  /**
   * Read Temporal's profile file (./temporal-profile.ts) for what the `temporal:` section leaves
   * unset; default true. Off for a Temporal server `collectors dev` started itself.
   */
  readonly temporalProfile?: boolean;
}

/** Validates an already-parsed document (`null` for an empty file) with env overrides applied. */
export function parseConfig(
  document: unknown,
  { env, registry, source, temporalProfile = true }: ParseConfigOptions,
): Config {
  const input = document ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ConfigError([
      { source, path: '', message: 'the file must be a mapping of keys to values at the top level' },
    ]);
  }
  const own = input as Record<string, unknown>;
  // Layers, lowest first: Temporal's profile, the file, env (flags arrive as env, see src/cli).
  const profile = temporalProfile ? temporalProfileLayer(env, own.temporal) : NO_PROFILE;
  const withProfile = profile.ref ? { ...own, temporal: underFile(profile.section, own.temporal) } : own;
  const { merged, fromEnv, issues: envIssues } = applyEnvOverrides(withProfile, env);
  for (const path of profile.paths) {
    if (!fromEnv.has(path) && !setIn(own, path)) fromEnv.set(path, profileSource(profile.ref!));
  }
  const implemented = [...registry.keys()];
  const parsed = configFileSchema(registry).safeParse(merged, { error: errorMap, reportInput: true });
  const issues: ConfigIssue[] = [
    ...profile.issues,
    ...envIssues,
    ...(parsed.success ? [] : toConfigIssues(parsed.error.issues, { source, fromEnv, implemented })),
  ];

  // Collector settings are checked even when other fields failed, so one run reports everything.
  const sections = (merged.collectors ?? {}) as Record<string, unknown>;
  const settings = new Map<string, unknown>();
  for (const [name, raw] of typeof sections === 'object' ? Object.entries(sections) : []) {
    const collector = registry.get(name);
    if (!collector || typeof raw !== 'object' || raw === null) continue;
    const { targets, options } = raw as { targets?: unknown; options?: unknown };
    const result = collector.settingsSchema.safeParse(
      { targets, options },
      { error: errorMap, reportInput: true },
    );
    if (result.success) settings.set(name, result.data);
    else issues.push(...toConfigIssues(result.error.issues, { source, prefix: ['collectors', name] }));
  }
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues);

  const file = parsed.data;
  const hmi = withMs(file.datadog.historicalIngestion);
  const collectors: Record<string, CollectorConfig> = {};
  for (const [name, section] of Object.entries<CollectorSection | undefined>(file.collectors ?? {})) {
    const collector = registry.get(name);
    if (section && collector)
      collectors[name] = resolveCollectorConfig(collector, section, settings.get(name), hmi);
  }
  return resolveConfig(file, collectors, env, source, profile);
}

/** Whether the document sets the dotted `path` (`temporal.tls.enabled`). */
function setIn(document: Record<string, unknown>, path: string): boolean {
  let node: unknown = document;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return node !== undefined;
}
