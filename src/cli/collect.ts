/**
 * `collectors collect <collector>`: one cycle in this process, without Temporal. Each registered
 * collector is a subcommand, with the flags it declares (`collect github --repo owner/name`), so its
 * help lists them and a typo is refused by name. Before any unit runs, the command checks once that
 * there is something to collect and that the secrets the settings need are set.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Collector, CollectorFlag } from '../collectors/types';
import { resolveCollector, type Config } from '../config';
import { collectLocal } from '../engine/collect-local';
import { submitDeadline } from '../engine/cycle-rules';
import { PermanentError } from '../errors';
import { createLogger, parseLogLevel, type Logger } from '../log';
import type { SecretResolver } from '../secrets/types';
import { healthPoints, healthTiming } from '../workflows/health';
import { skippedByReason, skippedCount } from '../workflows/skipped';
import { CliError, EXIT, usageError } from './errors';
import type { CliIo } from './io';
import { print } from './io';
import {
  collectSetup,
  configOption,
  datadogSink,
  dryRunSink,
  parseAsOf,
  readConfig,
  runtimeFor,
} from './shared';

interface CollectOptions {
  config?: string;
  sandbox?: boolean;
  group?: string;
  asOf?: string;
  json?: boolean;
  push?: boolean;
}

const EXIT_CODES =
  'Exit codes: 0 every unit succeeded, 1 some unit failed (the others are still printed), ' +
  '2 nothing ran: usage or config error, no target, a missing secret.';

export function collectCommand(io: CliIo): Command {
  const collect = new Command('collect')
    .description(
      'run one collection cycle in this process, without Temporal (one attempt per unit); ' +
        'prints the points (dry run) unless --push',
    )
    .usage('<collector> [options]')
    .argument('<collector>', 'collector name (see `collectors list`)')
    // The options belong to each collector's command; a name no command matched is reported alone.
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText(
      'after',
      `\n\`collectors collect <collector> --help\` lists its options and flags.\n${EXIT_CODES}`,
    )
    .action((name: string) => {
      if (name.startsWith('-')) {
        throw usageError(`the collector comes first: collectors collect <collector> ${name} …`);
      }
      // Throws the config's own error: unknown, or planned but not implemented, with the implemented ones.
      resolveCollector(readConfig(io, undefined, false), io.registry, name);
    });
  for (const collector of io.registry.values()) collect.addCommand(collectorCommand(io, collector));
  return collect;
}

function collectorCommand(io: CliIo, collector: Collector): Command {
  const command = new Command(collector.name)
    .summary(collector.description)
    .description(
      `${collector.description}\nOne collection cycle in this process, without Temporal (one attempt per unit); ` +
        'prints the points (dry run) unless --push.',
    )
    .option(...configOption)
    .option('--sandbox', 'against the running sandbox’s fake (its URL and token), points printed')
    .option(
      '--group <group>',
      `only this metric group (${collector.catalog.groups.map((g) => g.name).join(', ')})`,
    )
    .option('--as-of <time>', 'the slot: ISO 8601 with a zone, or relative such as now-3d (default: now)')
    .option('--json', 'print only a JSON array of the data points on stdout')
    .option('--push', 'submit the points and health metrics to Datadog (mode:manual)');
  const flags = collector.flags ?? [];
  for (const flag of flags) command.addOption(flagOption(collector.name, flag));
  if (flags.length) {
    command.addHelpText(
      'after',
      `\nThe ${collector.name} flags set the targets, with or without a config file; ` +
        'the options of the config file still apply.',
    );
  }
  return command
    .addHelpText('after', `\n${EXIT_CODES}`)
    .action((opts: CollectOptions) => runCollect(io, collector, opts, flagValues(command, flags)));
}

function flagOption(collector: string, flag: CollectorFlag): Option {
  return new Option(
    `--${flag.name} <${flag.value}>`,
    flag.description + (flag.repeatable ? ' (repeatable)' : ''),
  )
    .helpGroup(`${collector} flags:`)
    .argParser((value: string, previous: string[] | undefined) => {
      if (previous && !flag.repeatable) throw new InvalidArgumentError('given more than once');
      return [...(previous ?? []), value];
    });
}

/** The declared flags given, by name: what the collector's `settingsFromFlags` takes. */
function flagValues(command: Command, flags: readonly CollectorFlag[]): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const flag of flags) {
    const value = command.getOptionValue(new Option(`--${flag.name}`).attributeName()) as
      string[] | undefined;
    if (value) values[flag.name] = value;
  }
  return values;
}

async function runCollect(
  io: CliIo,
  collector: Collector,
  opts: CollectOptions,
  flags: Record<string, string[]>,
): Promise<void> {
  const name = collector.name;
  if (opts.json && opts.push) throw usageError('--json and --push: choose one');
  if (opts.group && !collector.catalog.groups.some((g) => g.name === opts.group)) {
    throw usageError(
      `--group ${opts.group}: not a group of ${name} (groups: ${collector.catalog.groups.map((g) => g.name).join(', ')})`,
    );
  }
  const asOf = parseAsOf(opts.asOf, io);
  const log = collectLogger(io);
  const { config, secrets } = collectSetup(io, name, opts, log);
  requireTargets(config, collector, flags);
  const runtime = runtimeFor(config, io, name, flags);
  const c = runtime.collector(name);
  await requireSecrets(collector, c.settings, secrets);
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
        groups: run.plan.groups.map((g) => g.name),
        skipped: run.plan.skipped,
        targetTags: Object.fromEntries(run.plan.targets.map((t) => [t.id, t.tags])),
        submitted: run.points.length - dropped,
        dropped,
      });
      await sink.submit(health, { deadline: new Date(timing.deadline) });
    }
  }
  const failed = run.outcomes.filter((o) => !o.ok);
  const skipped = skippedCount(run.plan.skipped);
  const summary =
    `${name}: ${run.outcomes.length} unit(s), ${run.outcomes.length - failed.length} ok, ${failed.length} failed` +
    (skipped ? `, ${skipped} skipped` : '') +
    '; ' +
    `${run.points.length} point(s) as of ${run.plan.asOf} (${run.plan.mode})` +
    (opts.push ? `, ${run.points.length - dropped} sent to Datadog` : '');
  print(io.stderr, summary);
  for (const [reason, count] of skippedByReason(run.plan.skipped)) {
    print(io.stderr, `  skipped ${count} unit(s): ${reason}`);
  }
  for (const f of failed) print(io.stderr, `  failed ${f.group} ${f.target}: ${f.error}`);
  const key = run.plan.rollup?.key;
  for (const r of run.rollups ?? []) {
    const what = `${r.group} ${key}:${r.key}`;
    if (r.error) print(io.stderr, `  roll-up ${what} failed: ${r.error}`);
    else if (r.absent) print(io.stderr, `  roll-up ${what} absent: ${r.absent}`);
  }
  if (failed.length) throw new CliError(`${failed.length} unit(s) failed`, EXIT.failed);
}

/** Without a section in the config, the flags must name a target: no collector runs a made-up one. */
function requireTargets(config: Config, collector: Collector, flags: Record<string, string[]>): void {
  const name = collector.name;
  const targetFlags = (collector.flags ?? []).filter((f) => f.setsTargets);
  const named = targetFlags.map((f) => `--${f.name} <${f.value}>`).join(' or ');
  if (targetFlags.some((f) => flags[f.name]?.length)) return;
  // Flags replace the configured targets: flags that name none would leave nothing to collect.
  const given = Object.keys(flags);
  if (given.length && targetFlags.length) {
    throw usageError(
      `${name}: ${given.map((f) => `--${f}`).join(', ')} without a target: pass ${named} too ` +
        '(collector flags replace the configured targets)',
    );
  }
  if (config.collectors[name]) return;
  const where =
    config.source === 'env'
      ? 'no config file was read'
      : `${config.source} has no collectors.${name} section`;
  const fix = targetFlags.length
    ? `pass ${named}, or configure collectors.${name}.targets`
    : `configure collectors.${name}.targets in a config file (--config)`;
  throw usageError(`${name}: nothing to collect: ${where} and no flag names a target. Fix: ${fix}`);
}

/** Each secret the settings need, read once: a missing one is one error, not one per unit. */
async function requireSecrets(
  collector: Collector,
  settings: unknown,
  secrets: SecretResolver,
): Promise<void> {
  const names = collector.requiredSecrets?.(settings) ?? collector.deploy?.secrets.map((s) => s.name) ?? [];
  const missing: string[] = [];
  for (const name of names) {
    try {
      await secrets.require(name);
    } catch (err) {
      // Only "not set" stops the run here; a backend that cannot answer fails the units as before.
      if (!(err instanceof PermanentError)) throw err;
      missing.push(err.message);
    }
  }
  if (missing.length) throw usageError(`${collector.name}: ${missing.join(`\n${collector.name}: `)}`);
}

/**
 * Warnings and errors as JSON lines on stderr, less the per-unit failure: the summary lists each failed
 * unit with its error, so it is said once.
 */
function collectLogger(io: CliIo): Logger {
  const level = io.env.LOG_LEVEL ? parseLogLevel(io.env.LOG_LEVEL) : 'warn';
  return createLogger({
    level,
    write: (line) => {
      if (!line.includes('"msg":"unit failed"')) io.stderr.write(line + '\n');
    },
  });
}
