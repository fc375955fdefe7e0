import { Command } from 'commander';
import { createWorker, installTemporalRuntime } from '../temporal/worker';
import type { CliIo } from './io';
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
      installTemporalRuntime(log);
      const workers = await createWorker({
        config,
        configPath: config.source,
        registry: io.registry,
        secrets,
        sink,
        log,
        env: io.env,
      });
      try {
        // The Temporal runtime shuts the worker down gracefully on SIGINT/SIGTERM.
        await workers.run();
      } finally {
        await workers.close();
        log.info('worker stopped');
      }
    });
}
