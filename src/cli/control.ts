import { Command } from 'commander';
import type { CliIo } from './io';
import { print } from './io';
import { temporalSchedules } from './lazy';
import {
  configOption,
  deploymentFor,
  sandboxOption,
  temporalOptions,
  withClient,
  type DeploymentFlags,
} from './shared';

export function triggerCommand(io: CliIo): Command {
  return temporalOptions(
    new Command('trigger')
      .description('run a collector’s schedule now (a scheduled cycle for the current time)')
      .argument('<collector>'),
  )
    .option(...configOption)
    .option(...sandboxOption)
    .action(async (name: string, opts: DeploymentFlags) => {
      const { config, io: connect } = deploymentFor(io, opts);
      const id = await withClient(config, connect, (client) =>
        temporalSchedules().triggerSchedule(client, config, name),
      );
      print(io.stdout, `${id}: triggered`);
    });
}

function pauseLike(io: CliIo, verb: 'pause' | 'unpause'): Command {
  return temporalOptions(
    new Command(verb)
      .description(
        verb === 'pause'
          ? 'pause a collector’s schedule (kept across `schedules sync`)'
          : 'resume a paused collector’s schedule',
      )
      .argument('<collector>'),
  )
    .option(...configOption)
    .option(...sandboxOption)
    .option('--reason <text>', 'a note shown on the schedule (Web UI, `schedules list`)')
    .action(async (name: string, opts: DeploymentFlags & { reason?: string }) => {
      const { config, io: connect } = deploymentFor(io, opts);
      const { pauseSchedule, unpauseSchedule } = temporalSchedules();
      const op = verb === 'pause' ? pauseSchedule : unpauseSchedule;
      const id = await withClient(config, connect, (client) => op(client, config, name, opts.reason));
      print(io.stdout, `${id}: ${verb}d`);
    });
}

export const pauseCommand = (io: CliIo) => pauseLike(io, 'pause');
export const unpauseCommand = (io: CliIo) => pauseLike(io, 'unpause');
