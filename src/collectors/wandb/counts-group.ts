/**
 * Group `counts`: one request per project. The counts are the server's (`runCount` with a filter
 * each, aliased in one query); per configured summary key, the few finished runs of W that are best
 * by that key, ordered server-side, give its best value. No run list is read.
 */
import { WEEK_MS, windowEnding } from '../kit/window';
import type { CollectContext } from '../types';
import type { WandbClient } from './client';
import { createdIn, endedIn, finishedWithKey, inStateBy, json } from './filters';
import { pathOf, requireProject, type ProjectRef } from './paging';
import { point, points, type WandbPoint } from './points';
import { NAMED_BEST_KEYS } from './catalog';
import { bestOrder, countsQuery, type Connection } from './queries';
import { parseObject } from './run';
import type { BestMetric, WandbSettings } from './settings';

interface CountsAnswer {
  readonly project: {
    readonly active: number;
    readonly total: number;
    readonly finished: number;
    readonly failed: number;
    readonly crashed: number;
    readonly [best: `best${number}`]: Connection<{ name: string; summaryMetrics: string | null }> | null;
  } | null;
}

export async function collectCounts(
  ctx: CollectContext<WandbSettings>,
  client: WandbClient,
  ref: ProjectRef,
): Promise<WandbPoint[]> {
  const w = windowEnding(ctx.asOf, WEEK_MS);
  const best = ctx.settings.options.bestMetrics;
  const variables: Record<string, unknown> = {
    ...ref,
    active: json(inStateBy('running', ctx.asOf)),
    total: json(createdIn(w)),
    finished: json(endedIn('finished', w)),
    failed: json(endedIn('failed', w)),
    crashed: json(endedIn('crashed', w)),
  };
  best.forEach((metric, i) => {
    variables[`best${i}`] = json(finishedWithKey(metric.key, w));
    variables[`order${i}`] = bestOrder(metric);
  });
  const data = await client.query<CountsAnswer>({
    query: countsQuery(best),
    variables,
    subject: `project ${pathOf(ref)} (counts)`,
  });
  const project = requireProject(data.project, ref);
  const out: WandbPoint[] = points({
    'wandb.runs.active': project.active,
    'wandb.runs.total_7d': project.total,
    'wandb.runs.completed_7d': project.finished,
    'wandb.runs.failed_7d': project.failed,
    'wandb.runs.crashed_7d': project.crashed,
  });
  best.forEach((metric, i) => {
    const value = bestValue(metric, project[`best${i}`]);
    if (value === undefined) return;
    out.push(point('wandb.metrics.best', value, { key: metric.key.toLowerCase() }));
    const named = NAMED_BEST_KEYS.find((k) => k === metric.key);
    if (named) out.push(point(`wandb.metrics.best_${named}`, value));
  });
  return out;
}

/**
 * The best numeric value among the candidates (already ordered best first by the server; compared
 * again here, so a server that ignores the order is still right about the candidates it sent).
 */
export function bestValue(
  metric: BestMetric,
  candidates: Connection<{ summaryMetrics: string | null }> | null | undefined,
): number | undefined {
  const values = (candidates?.edges ?? []).flatMap((edge) => {
    const v = valueAt(parseObject(edge.node?.summaryMetrics ?? null), metric.key);
    return typeof v === 'number' && Number.isFinite(v) ? [v] : [];
  });
  if (!values.length) return undefined;
  return metric.goal === 'max' ? Math.max(...values) : Math.min(...values);
}

/** A summary value: the key as written (`eval/acc`), else a dotted path into nested objects. */
function valueAt(summary: Record<string, unknown>, key: string): unknown {
  if (key in summary) return summary[key];
  let at: unknown = summary;
  for (const part of key.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}
