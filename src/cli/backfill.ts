import { Command, InvalidArgumentError } from 'commander';
import { estimateCardinality } from '../catalog/cardinality';
import { planCycle } from '../engine/plan';
import { runtimeFromConfig } from '../engine/runtime-from-config';
import { formatDuration, parseDuration } from '../time/duration';
import type { BackfillInput, BackfillProgress } from '../workflows/backfill';
import { CliError, usageError } from './errors';
import type { CliIo } from './io';
import { print } from './io';
import { backfillWorkflow } from './lazy';
import {
  commandLogger,
  configOption,
  deploymentFor,
  parseAsOf,
  secretsFor,
  temporalOptions,
  withClient,
  type TemporalFlags,
} from './shared';
import { resolveCollector } from '../config';

interface BackfillOptions extends TemporalFlags {
  config?: string;
  from: string;
  to: string;
  step: string;
  concurrency: number;
  poll: string;
  detach?: boolean;
}

function concurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new InvalidArgumentError('a whole number from 1 to 20');
  return n;
}

export function backfillCommand(io: CliIo): Command {
  return temporalOptions(
    new Command('backfill')
      .description(
        'send past values of a collector’s backfillable metrics, one cycle per step, paced (needs Historical Metrics Ingestion)',
      )
      .argument('<collector>'),
  )
    .requiredOption('--from <time>', 'first slot (ISO 8601 with a zone, or relative such as now-30d)')
    .requiredOption('--to <time>', 'last slot')
    .option('--step <duration>', 'time between slots', '1d')
    .option('--concurrency <n>', 'cycles at once', concurrency, 2)
    .option('--poll <duration>', 'how often progress is printed', '2s')
    .option('--detach', 'start it and return (follow it in the Web UI)')
    .option(...configOption)
    .action(async (name: string, opts: BackfillOptions) => {
      const log = commandLogger(io, 'warn');
      const { config, io: connect } = deploymentFor(io, opts);
      const section = resolveCollector(config, io.registry, name);
      if (!section.historicalIngestion.enabled) {
        throw usageError(
          `backfill refused: Datadog drops points older than one hour unless Historical Metrics Ingestion is enabled ` +
            `for the metrics. Enable it in Datadog, then set collectors.${name}.historicalIngestion.enabled: true`,
        );
      }
      const from = parseAsOf(opts.from, io);
      const to = parseAsOf(opts.to, io);
      let stepMs: number;
      try {
        stepMs = parseDuration(opts.step);
      } catch (err) {
        throw usageError(`--step: ${(err as Error).message}`);
      }
      if (stepMs < 60_000) throw usageError('--step: at least 1m');
      if (from > to) throw usageError('--from is after --to');
      if (to > io.now()) throw usageError('--to is in the future');

      const input: BackfillInput = {
        collector: name,
        from: from.toISOString(),
        to: to.toISOString(),
        stepMs,
        concurrency: opts.concurrency,
      };
      const { backfillProgress, slotCount } = backfillWorkflow();
      const slots = slotCount(input);
      const runtime = runtimeFromConfig(
        { ...config, collectors: { ...config.collectors, [name]: { ...section, enabled: true } } },
        io.registry,
      );
      const plan = await planCycle({
        runtime,
        collector: name,
        asOf: to,
        startedAt: io.now(),
        scheduled: false,
        secrets: secretsFor(config, io, log),
        log,
        fetch: io.fetch,
        signal: AbortSignal.timeout(120_000),
      });
      const { catalog } = runtime.collector(name).collector;
      const series = estimateCardinality(
        { ...catalog, metrics: catalog.metrics.filter((m) => m.backfill) },
        1,
      ).perTarget;
      const points = slots * plan.targets.length * series;
      print(
        io.stderr,
        `backfill of ${name} from ${input.from} to ${input.to} every ${formatDuration(stepMs)}: ` +
          `${slots} slot(s) × ${plan.targets.length} target(s) × ${series} backfillable series ≈ ${points.toLocaleString('en-US')} points, ` +
          `${opts.concurrency} cycle(s) at a time`,
      );

      const workflowId = `${config.deployment}-backfill-${name}-${compact(input.from)}-${compact(input.to)}`;
      const result = await withClient(config, connect, async (client) => {
        const handle = await client.workflow.start('backfillCollector', {
          taskQueue: config.temporal.taskQueue,
          workflowId,
          args: [input],
        });
        print(io.stderr, `started workflow ${workflowId}`);
        if (opts.detach) return undefined;
        const pollMs = parseDuration(opts.poll);
        let last = '';
        const done = handle.result() as Promise<BackfillProgress>;
        for (;;) {
          const finished = await Promise.race([done.then(() => true), sleep(pollMs).then(() => false)]);
          if (finished) return await done;
          const p = await handle.query(backfillProgress).catch(() => undefined);
          const line = p ? progressLine(p) : '';
          if (line && line !== last) print(io.stderr, (last = line));
        }
      });
      if (!result) return;
      print(io.stderr, progressLine(result));
      for (const f of result.failedSlots) print(io.stderr, `  failed slot ${f.asOf}: ${f.error}`);
      if (result.failed) throw new CliError(`${result.failed} slot(s) failed`, 1);
    });
}

export function progressLine(p: BackfillProgress): string {
  const eta =
    p.etaMs !== undefined && p.done < p.total
      ? `, ETA ${formatDuration(Math.max(1000, Math.round(p.etaMs / 1000) * 1000))}`
      : '';
  return `[${p.done}/${p.total}] ${p.failed} failed, ${p.submitted.toLocaleString('en-US')} points sent${eta}`;
}

function compact(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
