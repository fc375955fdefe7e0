import { Command } from 'commander';
import { collectLocal } from '../engine/collect-local';
import { submitDeadline } from '../engine/cycle-rules';
import { healthPoints, healthTiming } from '../workflows/health';
import { CliError, usageError } from './errors';
import type { CliIo } from './io';
import { print } from './io';
import {
  commandLogger,
  configOption,
  datadogSink,
  dryRunSink,
  extraFlags,
  parseAsOf,
  readConfig,
  runtimeFor,
  secretsFor,
} from './shared';

interface CollectOptions {
  config?: string;
  group?: string;
  asOf?: string;
  json?: boolean;
  push?: boolean;
}

export function collectCommand(io: CliIo): Command {
  return new Command('collect')
    .description(
      'run one collection cycle in this process, without Temporal (one attempt per unit); ' +
        'prints the points (dry run) unless --push',
    )
    .argument('<collector>', 'collector name (see `collectors list`)')
    .option(...configOption)
    .option('--group <group>', 'only this metric group')
    .option('--as-of <time>', 'the slot: ISO 8601 with a zone, or relative such as now-3d (default: now)')
    .option('--json', 'print only a JSON array of the data points on stdout')
    .option('--push', 'submit the points and health metrics to Datadog (mode:manual)')
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText(
      'after',
      '\nCollector flags (e.g. `--repo owner/name` for github) set its targets, with or without a config file;\n' +
        'the options of the config file still apply.\n' +
        'Exit codes: 0 every unit succeeded, 1 some unit failed (the others are still printed), 2 usage or config error.',
    )
    .action(async (name: string, opts: CollectOptions, cmd: Command) => {
      if (opts.json && opts.push) throw usageError('--json and --push: choose one');
      const flags = extraFlags(cmd.args.slice(1));
      const log = commandLogger(io, 'warn');
      const config = readConfig(io, opts.config, false);
      const runtime = runtimeFor(config, io, name, flags);
      const { collector } = runtime.collector(name);
      if (opts.group && !collector.catalog.groups.some((g) => g.name === opts.group)) {
        throw usageError(
          `--group ${opts.group}: not a group of ${name} (groups: ${collector.catalog.groups.map((g) => g.name).join(', ')})`,
        );
      }
      const asOf = parseAsOf(opts.asOf, io);
      const secrets = secretsFor(config, io, log);
      const sink = opts.push
        ? await datadogSink(config, secrets, log)
        : opts.json
          ? undefined
          : dryRunSink(io, log);
      const startedAt = io.now();
      const run = await collectLocal({
        runtime,
        collector: name,
        asOf,
        group: opts.group,
        secrets,
        log,
        fetch: io.fetch,
        now: () => io.now(),
      });

      if (opts.json) print(io.stdout, JSON.stringify(run.points));
      let dropped = 0;
      if (sink) {
        const c = runtime.collector(name);
        const deadline = submitDeadline({ asOf, startedAt, historicalIngestion: c.historicalIngestion });
        dropped += (await sink.submit(run.points, { deadline })).dropped;
        if (opts.push) {
          const timing = healthTiming(run.plan.asOf, io.now().getTime());
          const health = healthPoints({
            collector: name,
            commonTags: run.plan.commonTags,
            mode: run.plan.mode === 'backfill' ? 'backfill' : 'manual',
            timestamp: timing.timestamp,
            durationSeconds: run.durationSeconds,
            outcomes: run.outcomes,
            targetTags: Object.fromEntries(run.plan.targets.map((t) => [t.id, t.tags])),
            submitted: run.points.length - dropped,
            dropped,
          });
          await sink.submit(health, { deadline: new Date(timing.deadline) });
        }
      }
      const failed = run.outcomes.filter((o) => !o.ok);
      const summary =
        `${name}: ${run.outcomes.length} unit(s), ${run.outcomes.length - failed.length} ok, ${failed.length} failed; ` +
        `${run.points.length} point(s) as of ${run.plan.asOf} (${run.plan.mode})` +
        (opts.push ? `, ${run.points.length - dropped} sent to Datadog` : '');
      print(io.stderr, summary);
      for (const f of failed) print(io.stderr, `  failed ${f.group} ${f.target}: ${f.error}`);
      if (failed.length) throw new CliError(`${failed.length} unit(s) failed`, 1);
    });
}
