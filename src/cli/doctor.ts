import { Command } from 'commander';
import { parseDuration } from '../time/duration';
import { CliError, usageError } from './errors';
import type { CliIo } from './io';
import { print } from './io';
import { doctorChecks, temporalClient } from './lazy';
import {
  commandLogger,
  configOption,
  deploymentFor,
  secretsFor,
  temporalOptions,
  type TemporalFlags,
} from './shared';

export function doctorCommand(io: CliIo): Command {
  return temporalOptions(
    new Command('doctor').description(
      'check the deployment: Temporal and its namespace, the Datadog key, each enabled collector’s credentials ' +
        'and service, the schedules; exits 1 if any check fails',
    ),
  )
    .option(...configOption)
    .option('--timeout <duration>', 'how long each check may take', '15s')
    .action(async (opts: TemporalFlags & { config?: string; timeout: string }) => {
      let timeoutMs: number;
      try {
        timeoutMs = parseDuration(opts.timeout);
      } catch (err) {
        throw usageError(`--timeout: ${(err as Error).message}`);
      }
      const log = commandLogger(io, 'error');
      const { config, io: connect } = deploymentFor(io, opts);
      const checks = await doctorChecks().runDoctor({
        config,
        registry: io.registry,
        secrets: secretsFor(config, io, log),
        log,
        fetch: io.fetch,
        connect: () => temporalClient().connectClient(config, connect.env, timeoutMs),
        timeoutMs,
      });
      for (const c of checks) print(io.stdout, `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`);
      const failed = checks.filter((c) => !c.ok).length;
      if (failed) throw new CliError(`${failed} check(s) failed`, 1);
    });
}
