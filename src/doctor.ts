/**
 * `collectors doctor`: checks a deployment end to end, one line per check — the config file readable
 * and valid, Temporal reachable and its namespace present, the Datadog key valid (and the application
 * key, when the deployment manages its Datadog dashboards, monitors or metadata), each enabled
 * collector's credentials and service (its cheap authenticated probe), and the schedules in sync with
 * the config. A failed check never stops the others.
 */
import type { Client } from '@temporalio/client';
import type { Registry } from './collectors/types';
import type { Config } from './config';
import { createResourceApi } from './datadog/resources/api';
import { resourceOptionsFromConfig } from './datadog/resources/options';
import { validateDatadogKey } from './datadog/validate-key';
import type { Logger } from './log';
import { redact } from './util/redact';
import type { SecretResolver } from './secrets/types';
import { syncSchedules } from './temporal/schedules';

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface DoctorDeps {
  readonly config: Config;
  /**
   * Why the config file could not be used (missing, invalid): the config check fails with it, the
   * other checks run on `config` from the environment alone, and the schedules are not compared.
   */
  readonly configProblem?: string;
  readonly registry: Registry;
  readonly secrets: SecretResolver;
  readonly log: Logger;
  readonly fetch: typeof fetch;
  /** Connects to Temporal; rejects when it can't. */
  connect(): Promise<{ client: Client; close: () => Promise<void> }>;
  readonly timeoutMs?: number;
}

async function check(name: string, fn: () => Promise<string>): Promise<Check> {
  try {
    return { name, ok: true, detail: await fn() };
  } catch (err) {
    return { name, ok: false, detail: redact(err instanceof Error ? err.message : String(err)) };
  }
}

export async function runDoctor(deps: DoctorDeps): Promise<Check[]> {
  const { config } = deps;
  const timeoutMs = deps.timeoutMs ?? 15_000;
  const checks: Check[] = [];
  let temporal: { client: Client; close: () => Promise<void> } | undefined;
  const enabled = Object.values(config.collectors).filter((c) => c.enabled);

  checks.push(
    await check('config', () => {
      if (deps.configProblem !== undefined) throw new Error(deps.configProblem);
      const names = enabled.map((c) => c.name).join(', ');
      return Promise.resolve(
        `${config.source}, deployment ${config.deployment}, ${enabled.length} collector(s) enabled` +
          (names ? ` (${names})` : ''),
      );
    }),
  );
  checks.push(
    await check('temporal', async () => {
      temporal = await withTimeout(deps.connect(), timeoutMs, `no answer from ${config.temporal.address}`);
      await temporal.client.workflowService.describeNamespace({ namespace: config.temporal.namespace });
      const { profile } = config.temporal;
      // Where the connection came from, when a Temporal profile filled it in.
      const from = profile ? ` (Temporal profile "${profile.name}" of ${profile.file})` : '';
      return `${config.temporal.address}, namespace ${config.temporal.namespace}${from}`;
    }),
  );
  checks.push(await check('datadog', () => checkDatadogKey(deps, timeoutMs)));
  const managed = managedResources(deps);
  if (managed.length > 0) {
    checks.push(await check('datadog resources', () => checkAppKey(deps, managed, timeoutMs)));
  }

  for (const section of enabled) {
    const collector = deps.registry.get(section.name);
    if (!collector) continue;
    checks.push(
      await check(`collector ${section.name}`, () =>
        collector.probe({
          asOf: new Date(),
          settings: section.settings,
          secrets: deps.secrets,
          log: deps.log,
          fetch: deps.fetch,
          signal: AbortSignal.timeout(timeoutMs),
        }),
      ),
    );
  }

  checks.push(
    await check('schedules', async () => {
      if (deps.configProblem !== undefined) throw new Error('not checked: no config file to compare with');
      if (!temporal) throw new Error('not checked: Temporal is unreachable');
      const changes = await syncSchedules(temporal.client, config, { prune: false, apply: false });
      const off = changes.filter((c) => c.action !== 'unchanged');
      if (off.length) {
        throw new Error(
          `${off.map((c) => `${c.scheduleId} ${c.action === 'stale' ? 'is stale' : `would be ${c.action}`}`).join(', ')}: ` +
            'run `collectors schedules sync`',
        );
      }
      const paused = changes.filter((c) => c.paused).map((c) => c.scheduleId);
      return (
        `${changes.length} in sync with the config` + (paused.length ? ` (paused: ${paused.join(', ')})` : '')
      );
    }),
  );
  await (temporal as { close: () => Promise<void> } | undefined)?.close();
  return checks;
}

async function checkDatadogKey(deps: DoctorDeps, timeoutMs: number): Promise<string> {
  const apiKey = await deps.secrets.get('datadog/api-key');
  if (!apiKey)
    throw new Error('no API key: set DD_API_KEY (or the secret datadog/api-key with SECRETS_BACKEND=aws)');
  const { url, site } = deps.config.datadog;
  const result = await validateDatadogKey({ apiKey, url, site, fetch: deps.fetch, timeoutMs });
  if (result.status !== 'valid') throw new Error(result.detail);
  return result.detail;
}

/** The kinds of Datadog resources the deployment manages, when `datadog.resources.enabled`. */
function managedResources(deps: DoctorDeps): string[] {
  if (!deps.config.datadog.resources.enabled) return [];
  const options = resourceOptionsFromConfig(deps.config, deps.registry);
  return (['dashboards', 'monitors', 'metadata'] as const).filter((kind) => options[kind]);
}

/** The application key, with the cheapest call that needs it: one monitor of the first page. */
async function checkAppKey(deps: DoctorDeps, managed: readonly string[], timeoutMs: number): Promise<string> {
  const apiKey = await deps.secrets.get('datadog/api-key');
  const appKey = await deps.secrets.get('datadog/app-key');
  if (!appKey) {
    throw new Error(
      'no application key: set DD_APP_KEY (or the secret datadog/app-key with SECRETS_BACKEND=aws); ' +
        `datadog.resources manages ${managed.join(', ')}`,
    );
  }
  if (!apiKey) throw new Error('not checked: no API key');
  const { url, site } = deps.config.datadog;
  const api = createResourceApi({
    url,
    site,
    apiKey,
    appKey,
    fetch: deps.fetch,
    timeoutMs,
    maxRateLimitWaits: 0,
  });
  await api.checkAppKey();
  return (
    `application key valid at ${api.url} (manages ${managed.join(', ')}; ` +
    '`collectors datadog plan` shows what apply would change)'
  );
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
