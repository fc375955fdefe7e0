/**
 * `collectors datadog plan|apply|export`: the deployment's Datadog dashboards, monitors and metric
 * metadata, generated from the catalogs and the config (`datadog.resources`), kept in sync with
 * Datadog (plan, apply) or written out for Terraform or the API (export).
 */
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { Config } from '../config';
import { CliError, EXIT, usageError } from './errors';
import type { CliIo } from './io';
import { print } from './io';
import { datadogResources } from './lazy';
import { commandLogger, configOption, readConfig, secretsFor } from './shared';

interface SyncFlags {
  readonly config?: string;
  readonly prune?: boolean;
}

const EXIT_CODES_HELP = `
Exit codes: 0 done (for plan: the plan was made, changes or not), 1 Datadog refused or failed (a
rejected key, an error answer; apply: some writes failed), 2 bad input (flags, config, a missing key).
plan --detailed-exitcode: 0 nothing to do, 3 changes pending (terraform's 2 is taken by bad input).`;

const KEYS_HELP = `
Keys: DD_API_KEY and DD_APP_KEY (the secrets datadog/api-key and datadog/app-key); the application key
needs the scopes dashboards_read, dashboards_write, monitors_read, monitors_write and metrics_read.
Only objects carrying this deployment's markers are read as its own: monitors tagged
managed-by:datadog-collectors and deployment:<name>, dashboards whose description starts with
"managed-by:datadog-collectors deployment:<name> dashboard:<key>". Nothing else is ever changed.`;

/** The deployment's plan against Datadog: the config, the keys, the client, the desired state. */
async function planFor(io: CliIo, flags: SyncFlags) {
  const lib = datadogResources();
  const config = readConfig(io, flags.config, true);
  const options = lib.resourceOptionsFromConfig(config, io.registry);
  if (!options.dashboards && !options.monitors && !options.metadata) {
    throw usageError(
      'datadog.resources manages nothing: dashboards, monitors and metadata are all false in the config',
    );
  }
  const api = lib.createResourceApi({
    ...(await keys(config, io)),
    url: config.datadog.url,
    site: config.datadog.site,
    fetch: io.fetch,
    onRateLimit: (ms, name) =>
      print(io.stderr, `rate limited by Datadog${name ? ` (${name})` : ''}: waiting ${ms / 1000} s`),
  });
  const desired = lib.desiredResources(options);
  const plan = await lib.planResources(api, desired, { ...options, prune: !!flags.prune });
  return { lib, config, api, plan };
}

async function keys(config: Config, io: CliIo): Promise<{ apiKey: string; appKey: string }> {
  const secrets = secretsFor(config, io, commandLogger(io, 'error'));
  const apiKey = await secrets.get('datadog/api-key');
  const appKey = await secrets.get('datadog/app-key');
  const missing = [
    ...(apiKey
      ? []
      : ['no Datadog API key: set DD_API_KEY (or the secret datadog/api-key with SECRETS_BACKEND=aws)']),
    ...(appKey
      ? []
      : [
          'no Datadog application key: set DD_APP_KEY (or the secret datadog/app-key with SECRETS_BACKEND=aws) ' +
            'to an application key with the scopes dashboards_read, dashboards_write, monitors_read, ' +
            'monitors_write and metrics_read',
        ]),
  ];
  if (!apiKey || !appKey) throw usageError(missing.join('; '));
  return { apiKey, appKey };
}

function planCommand(io: CliIo): Command {
  return new Command('plan')
    .description(
      'compare the dashboards, monitors and metric metadata the config generates with those of this ' +
        'deployment in Datadog: what apply would create, update or delete; changes nothing',
    )
    .option(...configOption)
    .option('--prune', 'show the deletes apply --prune would make (owned objects no longer generated)')
    .option('--detailed-exitcode', 'exit 3 when there are changes to apply, 0 when there are none')
    .addHelpText('after', EXIT_CODES_HELP + '\n' + KEYS_HELP)
    .action(async (opts: SyncFlags & { detailedExitcode?: boolean }) => {
      const { lib, plan, api } = await planFor(io, opts);
      print(io.stdout, `Datadog at ${api.url}, deployment ${plan.deployment}:`);
      print(io.stdout, lib.formatPlan(plan));
      if (opts.detailedExitcode && lib.hasChanges(plan)) {
        throw new CliError('changes pending', EXIT.changes);
      }
    });
}

function applyCommand(io: CliIo): Command {
  return new Command('apply')
    .description(
      'create and update the dashboards, monitors and metric metadata the config generates, in this ' +
        'deployment’s Datadog; with --prune, delete those it owns and no longer generates. Safe to run ' +
        'again, and to interrupt: the next run picks up where it stopped',
    )
    .option(...configOption)
    .option('--prune', 'delete the dashboards and monitors this deployment owns and no longer generates')
    .addHelpText('after', EXIT_CODES_HELP + '\n' + KEYS_HELP)
    .action(async (opts: SyncFlags) => {
      const { lib, plan, api } = await planFor(io, opts);
      print(io.stderr, `Datadog at ${api.url}, deployment ${plan.deployment}:`);
      const result = await lib.applyPlan(api, plan, (line) => print(io.stderr, line));
      const counts = lib.summarize(plan);
      const done = (action: string) => result.done.filter((i) => i.action === action).length;
      const stale = counts.stale > 0 ? `, ${counts.stale} stale (apply --prune deletes them)` : '';
      const waits = counts.waits > 0 ? `, metadata of ${counts.waits} metric(s) waits for data` : '';
      print(
        io.stdout,
        `Applied for deployment ${plan.deployment}: ${done('create')} created, ${done('update')} updated, ` +
          `${done('delete')} deleted, ${counts.unchanged} unchanged${stale}${waits}` +
          (result.failed.length > 0 ? `; ${result.failed.length} failed` : '') +
          (result.skipped.length > 0 ? `, ${result.skipped.length} not tried` : '') +
          '.',
      );
      if (result.failed.length > 0)
        throw new CliError(`${result.failed.length} write(s) failed`, EXIT.failed);
    });
}

function exportCommand(io: CliIo): Command {
  return new Command('export')
    .description(
      'write the dashboards, monitors and metric metadata the config generates: json (one document, each ' +
        'body as the Datadog API takes it) or terraform (a .tf.json file of the Datadog provider’s ' +
        'datadog_dashboard_json, datadog_monitor and datadog_metric_metadata resources); needs no key',
    )
    .addOption(
      new Option('--format <format>', 'json or terraform')
        .choices(['json', 'terraform'])
        .makeOptionMandatory(),
    )
    .option('--out <file>', 'write to this file (terraform: name it *.tf.json) rather than to stdout')
    .option(...configOption)
    .action((opts: { format: 'json' | 'terraform'; out?: string; config?: string }) => {
      const lib = datadogResources();
      const config = readConfig(io, opts.config, false);
      const desired = lib.desiredResources(lib.resourceOptionsFromConfig(config, io.registry));
      const text =
        opts.format === 'json'
          ? lib.exportJson(desired)
          : lib.exportTerraform(lib.exportDocument(desired), config.deployment);
      if (opts.out === undefined) return void io.stdout.write(text);
      if (opts.format === 'terraform' && !opts.out.endsWith('.tf.json')) {
        throw usageError(
          `--out: "${opts.out}" must end in .tf.json (Terraform reads JSON syntax from those)`,
        );
      }
      writeFileSync(opts.out, text);
      print(
        io.stderr,
        `wrote ${opts.out}: ${desired.dashboards.length} dashboard(s), ${desired.monitors.length} monitor(s), ` +
          `metadata of ${desired.metadata.length} metric(s), deployment ${config.deployment}`,
      );
    });
}

export function datadogCommand(io: CliIo): Command {
  return new Command('datadog')
    .description('the deployment’s Datadog dashboards, monitors and metric metadata: plan, apply, export')
    .addCommand(planCommand(io))
    .addCommand(applyCommand(io))
    .addCommand(exportCommand(io));
}
