import { Command } from 'commander';
import { proxySettings } from '../util/http-proxy';
import type { CliIo } from './io';
import { temporalWorker } from './lazy';
import {
  commandLogger,
  configOption,
  datadogSink,
  deploymentFor,
  dryRunSink,
  secretsFor,
  temporalOptions,
  type DeploymentFlags,
} from './shared';

export function workerCommand(io: CliIo): Command {
  return temporalOptions(
    new Command('worker').description(
      'run a Temporal worker for this deployment (needs a config file and, unless --dry-run, a Datadog key)',
    ),
  )
    .option(...configOption)
    .option('--dry-run', 'print points instead of sending them to Datadog')
    .action(async (opts: DeploymentFlags & { dryRun?: boolean }) => {
      const log = commandLogger(io, 'info');
      // The flags travel in the env: the worker reloads the file with it.
      const { config, io: flagged } = deploymentFor(io, opts);
      const secrets = secretsFor(config, io, log);
      const sink = opts.dryRun ? dryRunSink(io, log) : await datadogSink(config, secrets, log);
      const proxy = proxySettings(io.env);
      if (proxy) log.info('outbound HTTP goes through a proxy', { ...proxy });
      // Health and metrics ports from config; SIGINT/SIGTERM drain running units, then it returns.
      await temporalWorker().serveWorker({
        config,
        configPath: config.source,
        registry: io.registry,
        secrets,
        sink,
        log,
        env: flagged.env,
      });
    });
}
