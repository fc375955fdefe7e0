/**
 * The dry-run sink of `collectors dev`: the dry-run sink (src/datadog/dry-run-sink.ts) with a header
 * per submission saying what happened: the collector, the slot, the number of points and the
 * workflow that sent them. The health points, sent last, close a cycle: their header sums the cycle
 * up (units, failures, points, duration) and links to the run in the Web UI. Files are named relative
 * to the working directory, as the banner names them.
 *
 *   === github · data · slot 2026-05-02T10:00:30Z · 42 points · sandbox-cycle-github-…/batch-1
 *   === github · cycle finished · 5 units, 0 failed · 42 points · 2.1 s · sandbox-cycle-github-…
 *       Web UI: http://localhost:8233/namespaces/default/workflows/…/history
 */
import { Context } from '@temporalio/activity';
import type { DataPoint } from '../catalog/model';
import { createDryRunSink } from '../datadog/dry-run-sink';
import type { Sink } from '../datadog/types';
import type { Logger } from '../log';

export interface Caller {
  readonly workflowId: string;
  readonly runId: string;
}

export interface ConsoleSinkOptions {
  readonly out: NodeJS.WritableStream;
  readonly log: Logger;
  /** JSON lines file; default `out/dry-run/points-<slot's UTC date>.jsonl` under the working directory. */
  readonly file?: string;
  /** Base URL of the Temporal Web UI, for a link to each finished cycle (none without it). */
  readonly webUi?: string;
  readonly namespace: string;
  /** The workflow whose activity submits; default: the current activity's, if any. */
  readonly caller?: () => Caller | undefined;
}

export const HEADER_PREFIX = '===';

function activityCaller(): Caller | undefined {
  try {
    const { workflowExecution } = Context.current().info;
    return workflowExecution
      ? { workflowId: workflowExecution.workflowId, runId: workflowExecution.runId }
      : undefined;
  } catch {
    return undefined; // not inside an activity
  }
}

export function createConsoleSink(options: ConsoleSinkOptions): Sink {
  const caller = options.caller ?? activityCaller;
  return createDryRunSink({
    out: options.out,
    log: options.log,
    file: options.file,
    header: (points) => submissionHeader(points, caller(), options),
    relativeFiles: true,
  });
}

/** `collector:<name>` of the points (every point carries it), else the metric's prefix. */
function collectorOf(points: readonly DataPoint[]): string {
  const first = points[0];
  if (!first) return '?';
  const tag = first.tags.find((t) => t.startsWith('collector:'));
  return tag ? tag.slice('collector:'.length) : (first.metric.split('.')[0] ?? '?');
}

function isHealth(points: readonly DataPoint[], collector: string): boolean {
  return points.length > 0 && points.every((p) => p.metric.startsWith(`collector.${collector}.`));
}

export function submissionHeader(
  points: readonly DataPoint[],
  caller: Caller | undefined,
  options: Pick<ConsoleSinkOptions, 'webUi' | 'namespace'>,
): string {
  const collector = collectorOf(points);
  const workflow = caller ? ` · ${caller.workflowId}` : '';
  if (!isHealth(points, collector)) {
    const slots = [...new Set(points.map((p) => p.timestamp))].map((t) =>
      new Date(t * 1000).toISOString().replace('.000Z', 'Z'),
    );
    const slot = slots.length === 1 ? ` · slot ${slots[0]}` : '';
    return `\n${HEADER_PREFIX} ${collector} · data${slot} · ${points.length} points${workflow}\n`;
  }
  const value = (suffix: string) =>
    points.find((p) => p.metric === `collector.${collector}.${suffix}`)?.value ?? 0;
  const units = points.filter((p) => p.metric === `collector.${collector}.group.success`).length;
  const skipped = points
    .filter((p) => p.metric === `collector.${collector}.group.skipped`)
    .reduce((n, p) => n + p.value, 0);
  const summary =
    `${units} units, ${value('error_count')} failed${skipped ? `, ${skipped} skipped` : ''} · ` +
    `${value('metric_count')} points · ` +
    `${value('duration_seconds').toFixed(1)} s`;
  const link =
    caller && options.webUi
      ? `    Web UI: ${options.webUi}/namespaces/${encodeURIComponent(options.namespace)}/workflows/` +
        `${encodeURIComponent(caller.workflowId)}/${caller.runId}/history\n`
      : '';
  return `\n${HEADER_PREFIX} ${collector} · cycle finished · ${summary}${workflow}\n${link}`;
}
