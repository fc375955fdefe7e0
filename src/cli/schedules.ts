import { Command } from 'commander';
import type { CliIo } from './io';
import { print } from './io';
import { temporalSchedules } from './lazy';
import { formatTable } from './list';
import {
  configOption,
  deploymentFor,
  sandboxOption,
  temporalOptions,
  withClient,
  type DeploymentFlags,
} from './shared';

function syncCommand(io: CliIo): Command {
  return temporalOptions(
    new Command('sync').description(
      'create or update one schedule per enabled collector (keeping an operator’s pause); ' +
        'with --prune, delete this deployment’s schedules of collectors no longer enabled',
    ),
  )
    .option(...configOption)
    .option('--prune', 'delete schedules this deployment owns that the config no longer wants')
    .option('--dry-run', 'say what would change, change nothing')
    .action(async (opts: DeploymentFlags & { prune?: boolean; dryRun?: boolean }) => {
      const { config, io: connect } = deploymentFor(io, opts);
      const changes = await withClient(config, connect, (client) =>
        temporalSchedules().syncSchedules(client, config, { prune: !!opts.prune, apply: !opts.dryRun }),
      );
      const prefix = opts.dryRun ? 'would be ' : '';
      for (const c of changes) {
        const paused = c.paused ? ' (paused)' : '';
        const hint = c.action === 'stale' ? ' — no longer in the config; --prune deletes it' : '';
        print(io.stdout, `${c.scheduleId}: ${prefix}${c.action}${paused}${hint}`);
      }
      if (!changes.length) print(io.stdout, 'no collector is enabled in the config; nothing to schedule');
    });
}

function listSchedulesCommand(io: CliIo): Command {
  return temporalOptions(
    new Command('list').description(
      'this deployment’s schedules: spec, next run, last run and its status, paused',
    ),
  )
    .option(...configOption)
    .option(...sandboxOption)
    .option('--json', 'print JSON')
    .action(async (opts: DeploymentFlags & { json?: boolean }) => {
      const { config, io: connect } = deploymentFor(io, opts);
      const rows = await withClient(config, connect, (client) =>
        temporalSchedules().listSchedules(client, config.deployment),
      );
      if (opts.json) return print(io.stdout, JSON.stringify(rows, null, 2));
      if (!rows.length) {
        // A sandbox syncs its own schedules a moment after it starts.
        const fix = opts.sandbox
          ? 'the sandbox creates them as it starts'
          : 'run `collectors schedules sync`';
        return print(io.stdout, `no schedules: ${fix}`);
      }
      print(
        io.stdout,
        formatTable([
          ['schedule', 'spec', 'next run', 'last run', 'last result', 'paused'],
          ...rows.map((r) => [
            r.scheduleId,
            r.spec,
            r.nextRun ?? '-',
            r.lastRun?.scheduledAt ?? '-',
            r.lastRun?.status.toLowerCase() ?? '-',
            r.paused ? `yes${r.note ? ` (${r.note})` : ''}` : 'no',
          ]),
        ]),
      );
    });
}

export function schedulesCommand(io: CliIo): Command {
  return new Command('schedules')
    .description('the Temporal schedules that drive the collectors')
    .addCommand(syncCommand(io))
    .addCommand(listSchedulesCommand(io));
}
