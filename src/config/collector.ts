/**
 * One collector's config for a run, with or without a config file: from its section, or from
 * command-line flags (`collectors collect github --repo owner/name`), or from its defaults.
 */
import type { CollectorSettingsInput, Registry } from '../collectors/types';
import { ConfigError } from './errors';
import type { IssueContext } from './issues';
import { PLANNED_COLLECTORS, errorMap, issueAt, toConfigIssues } from './issues';
import { resolveCollectorConfig } from './resolve';
import type { CollectorConfig, Config } from './types';

export type CollectorFlags = Readonly<Record<string, string[]>>;

/**
 * Flags, when any are given, replace the section's `targets`; the rest of the section still applies,
 * its `options` included (an option a flag sets wins over the configured one). Throws ConfigError for
 * an unknown collector, flags it does not take, or settings that fail its schema.
 */
export function resolveCollector(
  config: Config,
  registry: Registry,
  name: string,
  flags?: CollectorFlags,
): CollectorConfig {
  const collector = registry.get(name);
  if (!collector) {
    const implemented = `(implemented: ${[...registry.keys()].join(', ') || 'none'})`;
    const known = (PLANNED_COLLECTORS as readonly string[]).includes(name);
    throw new ConfigError([
      issueAt(
        { source: 'arguments' },
        ['collectors', name],
        `${known ? 'not implemented yet' : 'unknown collector'} ${implemented}`,
      ),
    ]);
  }
  const configured = config.collectors[name];
  const withFlags = flags !== undefined && Object.keys(flags).length > 0;
  if (configured && !withFlags) return configured;

  if (withFlags && !collector.settingsFromFlags) {
    throw new ConfigError([
      issueAt(
        { source: 'flags' },
        ['collectors', name],
        `takes no flags: configure collectors.${name} in the config file`,
      ),
    ]);
  }
  const fromFlags = collector.settingsFromFlags?.(withFlags ? flags : {}) ?? {};
  // Flags narrow what to collect, not how: the configured options (API URL, credentials, workflows…)
  // still apply. They are the section's validated options, which validate again (see settingsSchema).
  const input: CollectorSettingsInput = configured
    ? { targets: fromFlags.targets, options: withOptions(optionsOf(configured.settings), fromFlags.options) }
    : fromFlags;
  const ctx: IssueContext = { source: withFlags ? 'flags' : config.source, prefix: ['collectors', name] };
  const result = collector.settingsSchema.safeParse(input, { error: errorMap, reportInput: true });
  if (!result.success) {
    const issues = toConfigIssues(result.error.issues, ctx);
    if (!withFlags) {
      issues.push(
        issueAt(
          ctx,
          ['collectors', name],
          'has no section in the config: add one, or pass the collector its flags',
        ),
      );
    }
    throw new ConfigError(issues);
  }
  const base =
    configured ?? resolveCollectorConfig(collector, undefined, undefined, config.datadog.historicalIngestion);
  return { ...base, settings: result.data };
}

function optionsOf(settings: unknown): unknown {
  return isRecord(settings) ? settings.options : undefined;
}

/** The configured options with those set by flags on top (one level deep: flags set whole options). */
function withOptions(configured: unknown, fromFlags: unknown): unknown {
  if (fromFlags === undefined) return configured;
  return isRecord(configured) && isRecord(fromFlags) ? { ...configured, ...fromFlags } : fromFlags;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
