/**
 * `collectors datadog apply`: the writes of a plan, one object at a time, a progress line each.
 *
 * Safe to interrupt at any point: every body created carries its ownership markers from its first
 * write (checked here before the write: a generated body without them is refused), so whatever a
 * half-done apply created is found by the next plan, matched by its key and updated, never created a
 * second time. Creates and updates go first, deletes last, so an interrupted apply never leaves the
 * deployment with fewer objects than it wants.
 *
 * A write Datadog refuses (4xx) fails that object alone; the others go on. Any other failure (5xx, no
 * answer) stops the apply: the remaining writes are skipped, and the next apply takes them up.
 */
import type { v1 } from '@datadog/datadog-api-client';
import { ResourceApiError, type ResourceApi } from './api';
import { describeChanges } from './compare';
import { ownedDashboardKey, ownedMonitorKey } from './desired';
import type { Plan, PlanItem } from './plan';

export interface ApplyResult {
  /** The writes done. */
  readonly done: readonly PlanItem[];
  readonly failed: readonly { readonly item: PlanItem; readonly message: string }[];
  /** The writes not tried after a failure that stopped the apply. */
  readonly skipped: readonly PlanItem[];
}

const ORDER: Readonly<Record<PlanItem['action'], number>> = {
  create: 0,
  update: 0,
  delete: 1,
  unchanged: 2,
  stale: 2,
  waits: 2,
};

export async function applyPlan(
  api: ResourceApi,
  plan: Plan,
  progress: (line: string) => void,
): Promise<ApplyResult> {
  const writes = plan.items
    .filter((i) => i.action === 'create' || i.action === 'update' || i.action === 'delete')
    .sort((a, b) => ORDER[a.action] - ORDER[b.action]);
  const done: PlanItem[] = [];
  const failed: { item: PlanItem; message: string }[] = [];
  for (const [n, item] of writes.entries()) {
    try {
      const id = await write(api, plan.deployment, item);
      done.push(item);
      const shown = id ?? item.id;
      progress(
        `${label(item)}: ${pastTense(item)}${shown !== undefined ? ` (${shown})` : ''}${detail(item)}`,
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      failed.push({ item, message });
      progress(`${label(item)}: FAILED to ${item.action}: ${message}`);
      const objectOnly = err instanceof ResourceApiError && err.status >= 400 && err.status < 500;
      if (!objectOnly) {
        const skipped = writes.slice(n + 1);
        if (skipped.length > 0) progress(`stopped: ${skipped.length} write(s) not tried; run apply again`);
        return { done, failed, skipped };
      }
    }
  }
  return { done, failed, skipped: [] };
}

/** One write; the id of what it created. */
async function write(
  api: ResourceApi,
  deployment: string,
  item: PlanItem,
): Promise<string | number | undefined> {
  switch (item.kind) {
    case 'dashboard': {
      if (item.action === 'delete') return void (await api.deleteDashboard(String(item.id)));
      const body = item.body as v1.Dashboard;
      if (ownedDashboardKey(body.description ?? undefined, deployment) !== item.key) {
        throw new Error(`refused: the generated dashboard ${item.key} lacks its ownership marker`);
      }
      if (item.action === 'create') return (await api.createDashboard(body)).id;
      await api.updateDashboard(String(item.id), body);
      return undefined;
    }
    case 'monitor': {
      if (item.action === 'delete') return void (await api.deleteMonitor(Number(item.id)));
      const body = item.body as v1.Monitor;
      if (ownedMonitorKey(body, deployment) !== item.key) {
        throw new Error(`refused: the generated monitor ${item.key} lacks its ownership tags`);
      }
      if (item.action === 'create') return (await api.createMonitor(body)).id;
      await api.updateMonitor(Number(item.id), monitorUpdate(body, item));
      return undefined;
    }
    case 'metadata':
      await api.updateMetricMetadata(item.key, item.body as v1.MetricMetadata);
      return undefined;
  }
}

/**
 * A monitor's update: every field it generates (Datadog keeps a field an update leaves out, and
 * replaces `options` whole), and a null for each other field set in Datadog, so that it goes.
 */
function monitorUpdate(body: v1.Monitor, item: PlanItem): v1.MonitorUpdateRequest {
  const { name, type, query, message, tags, options, priority } = body;
  const update: Record<string, unknown> = { name, type, query, message, tags, options, priority };
  for (const c of item.changes ?? []) {
    if (c.to === undefined && /^[a-z_]+$/.test(c.path)) update[camelCase(c.path)] = null;
  }
  return Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined));
}

function camelCase(snake: string): string {
  return snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function label(item: PlanItem): string {
  const name = item.kind === 'metadata' ? '' : ` "${item.title}"`;
  return `${item.kind} ${item.key}${name}`;
}

function pastTense(item: PlanItem): string {
  return { create: 'created', update: 'updated', delete: 'deleted' }[item.action as 'create'] ?? item.action;
}

function detail(item: PlanItem): string {
  if (item.action === 'update' && item.changes) return `: ${describeChanges(item.changes)}`;
  if (item.action === 'delete' && item.reason) return `: ${item.reason}`;
  return '';
}
