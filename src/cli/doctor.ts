import { Command } from 'commander';
import { ConfigError, formatIssue, parseConfig, type Config } from '../config';
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
  withTemporalFlags,
  type TemporalFlags,
} from './shared';

export function doctorCommand(io: CliIo): Command {
  return temporalOptions(
    new Command('doctor').description(
      'check the deployment: the config file, Temporal and its namespace, the Datadog key (and the ' +
        'application key with datadog.resources.enabled), each enabled ' +
        'collector’s credentials and service, the schedules; exits 1 if any check fails',
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
      const { config, io: connect, configProblem } = deployment(io, opts);
      const checks = await doctorChecks().runDoctor({
        config,
        ...(configProblem !== undefined ? { configProblem } : {}),
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

/**
 * The deployment to check. A config file that is missing or invalid fails the config check and ends
 * nothing: the other checks run on what the environment and the Temporal flags say.
 */
function deployment(
  io: CliIo,
  opts: TemporalFlags & { config?: string },
): { config: Config; io: CliIo; configProblem?: string } {
  try {
    return deploymentFor(io, opts);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const flagged = withTemporalFlags(io, opts);
    const config = parseConfig({}, { env: flagged.env, registry: io.registry, source: 'env' });
    return { config, io: flagged, configProblem: err.issues.map(formatIssue).join('; ') };
  }
}
