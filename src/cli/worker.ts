import { Command } from 'commander';
import { proxySettings } from '../util/http-proxy';
import type { CliIo } from './io';
import { temporalWorker } from './lazy';
import { commandLogger, configOption, datadogSink, dryRunSink, readConfig, secretsFor } from './shared';

export function workerCommand(io: CliIo): Command {
  return new Command('worker')
    .description(
      'run a Temporal worker for this deployment (needs a config file and, unless --dry-run, a Datadog key)',
    )
    .option(...configOption)
    .option('--dry-run', 'print points instead of sending them to Datadog')
    .action(async (opts: { config?: string; dryRun?: boolean }) => {
      const log = commandLogger(io, 'info');
      const config = readConfig(io, opts.config, true);
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
        env: io.env,
      });
    });
}
