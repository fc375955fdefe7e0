import { Command } from 'commander';
import type { CliIo } from './io';
import { print } from './io';
import { temporalSchedules } from './lazy';
import { configOption, readConfig, withClient } from './shared';

export function triggerCommand(io: CliIo): Command {
  return new Command('trigger')
    .description('run a collector’s schedule now (a scheduled cycle for the current time)')
    .argument('<collector>')
    .option(...configOption)
    .action(async (name: string, opts: { config?: string }) => {
      const config = readConfig(io, opts.config, true);
      const id = await withClient(config, io, (client) =>
        temporalSchedules().triggerSchedule(client, config, name),
      );
      print(io.stdout, `${id}: triggered`);
    });
}

function pauseLike(io: CliIo, verb: 'pause' | 'unpause'): Command {
  return new Command(verb)
    .description(
      verb === 'pause'
        ? 'pause a collector’s schedule (kept across `schedules sync`)'
        : 'resume a paused collector’s schedule',
    )
    .argument('<collector>')
    .option(...configOption)
    .option('--reason <text>', 'a note shown on the schedule (Web UI, `schedules list`)')
    .action(async (name: string, opts: { config?: string; reason?: string }) => {
      const config = readConfig(io, opts.config, true);
      const { pauseSchedule, unpauseSchedule } = temporalSchedules();
      const op = verb === 'pause' ? pauseSchedule : unpauseSchedule;
      const id = await withClient(config, io, (client) => op(client, config, name, opts.reason));
      print(io.stdout, `${id}: ${verb}d`);
    });
}

export const pauseCommand = (io: CliIo) => pauseLike(io, 'pause');
export const unpauseCommand = (io: CliIo) => pauseLike(io, 'unpause');
