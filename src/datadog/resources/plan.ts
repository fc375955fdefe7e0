/**
 * `collectors datadog plan`: what exists in Datadog against what the deployment generates, object by
 * object: create, update (with what changes), unchanged, delete, or stale.
 *
 * What is read, and what counts as this deployment's:
 * - monitors: those listed under `monitor_tags=managed-by:datadog-collectors,deployment:<name>`,
 *   matched to a generated one by their `monitor:<key>` tag;
 * - dashboards: every dashboard of the list whose description's first line is this deployment's
 *   marker (`managed-by:datadog-collectors deployment:<name> dashboard:<key>`); a summary without the
 *   description is read in full to know;
 * - metric metadata: read per generated metric; a metric Datadog does not know yet (404: no point of
 *   it has arrived) waits for data, which is no error: a later apply sets it.
 * Nothing else is read, so nothing else can be changed: neither objects without the markers nor
 * those of another deployment.
 *
 * An owned object no longer generated is stale; with `prune` it is deleted. Two owned objects with one
 * key (two applies run at once) are one too many: the later ones are deleted, prune or not.
 */
import type { v1 } from '@datadog/datadog-api-client';
import type { ResourceApi } from './api';
import { differences, toWire, type Change, type Kind, type Wire } from './compare';
import { ownedDashboardKey, ownedMonitorKey, type DesiredResources } from './desired';
import { MANAGED_BY_TAG } from './monitors';
import { datadogApiClient } from '../api-client';

export type Action = 'create' | 'update' | 'unchanged' | 'delete' | 'stale' | 'waits';

export interface PlanItem {
  readonly kind: Kind;
  /** The dashboard's or monitor's key, or the metric's name. */
  readonly key: string;
  /** The title or name it goes by (Datadog's for a delete). */
  readonly title: string;
  readonly action: Action;
  /** The existing object's id (update, unchanged, delete, stale). */
  readonly id?: string | number;
  /** For update: what changes, in the API's field names. */
  readonly changes?: readonly Change[];
  /** For delete and stale: why. */
  readonly reason?: string;
  /** For create and update: the body to send. */
  readonly body?: v1.Dashboard | v1.Monitor | v1.MetricMetadata;
}

export interface Plan {
  readonly deployment: string;
  readonly prune: boolean;
  readonly items: readonly PlanItem[];
}

export interface PlanOptions {
  readonly deployment: string;
  /** Delete owned objects no longer generated (else they are reported as stale). */
  readonly prune: boolean;
  /** Which kinds are managed: the others are neither read nor changed. */
  readonly dashboards: boolean;
  readonly monitors: boolean;
  readonly metadata: boolean;
  /** Metric metadata reads in flight at once. */
  readonly concurrency?: number;
}

/** The fields of a metric's metadata the deployment sets; one it does not generate is cleared. */
export const METADATA_FIELDS = ['type', 'description', 'short_name', 'unit', 'per_unit'] as const;

export async function planResources(
  api: ResourceApi,
  desired: DesiredResources,
  options: PlanOptions,
): Promise<Plan> {
  const serializer = datadogApiClient().v1.ObjectSerializer;
  const wire = (kind: Kind, body: v1.Dashboard | v1.Monitor | v1.MetricMetadata): Wire =>
    toWire(serializer, kind, body);
  const items: PlanItem[] = [];
  if (options.dashboards) items.push(...(await planDashboards(api, desired, options, wire)));
  if (options.monitors) items.push(...(await planMonitors(api, desired, options, wire)));
  if (options.metadata) items.push(...(await planMetadata(api, desired, options, wire)));
  return { deployment: options.deployment, prune: options.prune, items };
}

type ToWire = (kind: Kind, body: v1.Dashboard | v1.Monitor | v1.MetricMetadata) => Wire;

interface Existing<Id> {
  readonly id: Id;
  readonly title: string;
  readonly wire: Wire;
}

/**
 * Generated objects matched with owned ones by key: create, update or unchanged for each generated
 * one; delete or stale for each owned one left over.
 */
function match<Id extends string | number>(
  kind: Kind,
  desired: readonly {
    readonly key: string;
    readonly title: string;
    readonly body: v1.Dashboard | v1.Monitor;
  }[],
  owned: ReadonlyMap<string, readonly Existing<Id>[]>,
  prune: boolean,
  wire: ToWire,
): PlanItem[] {
  const items: PlanItem[] = [];
  const wanted = new Set(desired.map((d) => d.key));
  for (const d of desired) {
    const [first, ...more] = owned.get(d.key) ?? [];
    if (first === undefined) {
      items.push({ kind, key: d.key, title: d.title, action: 'create', body: d.body });
    } else {
      const changes = differences(kind, wire(kind, d.body), first.wire);
      items.push(
        changes.length > 0
          ? { kind, key: d.key, title: d.title, action: 'update', id: first.id, changes, body: d.body }
          : { kind, key: d.key, title: d.title, action: 'unchanged', id: first.id },
      );
    }
    for (const extra of more) {
      items.push({
        kind,
        key: d.key,
        title: extra.title,
        action: 'delete',
        id: extra.id,
        reason: `a second ${kind} with the key ${d.key} (kept: ${first!.id})`,
      });
    }
  }
  for (const [key, list] of owned) {
    if (wanted.has(key)) continue;
    for (const o of list) {
      items.push({
        kind,
        key,
        title: o.title,
        action: prune ? 'delete' : 'stale',
        id: o.id,
        reason: 'no longer generated',
      });
    }
  }
  return items;
}

function grouped<Id>(entries: readonly (Existing<Id> & { key: string })[]): Map<string, Existing<Id>[]> {
  const byKey = new Map<string, Existing<Id>[]>();
  for (const e of entries) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  return byKey;
}

async function planDashboards(
  api: ResourceApi,
  desired: DesiredResources,
  options: PlanOptions,
  wire: ToWire,
): Promise<PlanItem[]> {
  const owned: (Existing<string> & { key: string; createdAt: number })[] = [];
  for (const summary of await api.listDashboards()) {
    let full: v1.Dashboard | undefined;
    let description = summary.description;
    if (description === undefined) {
      full = await api.getDashboard(summary.id);
      description = full.description ?? null;
    }
    const key = ownedDashboardKey(description ?? undefined, options.deployment);
    if (key === undefined) continue;
    full ??= await api.getDashboard(summary.id);
    owned.push({
      key,
      id: summary.id,
      title: full.title,
      wire: wire('dashboard', full),
      createdAt: full.createdAt?.getTime() ?? 0,
    });
  }
  // Oldest first, so that of two with one key the later is the duplicate (a stable sort keeps the
  // list's order between equal times).
  owned.sort((a, b) => a.createdAt - b.createdAt);
  const generated = desired.dashboards.map((d) => ({ key: d.key, title: d.body.title, body: d.body }));
  return match('dashboard', generated, grouped(owned), options.prune, wire);
}

async function planMonitors(
  api: ResourceApi,
  desired: DesiredResources,
  options: PlanOptions,
  wire: ToWire,
): Promise<PlanItem[]> {
  const listed = await api.listMonitors([MANAGED_BY_TAG, `deployment:${options.deployment}`]);
  const owned = listed
    .filter((m) => m.id !== undefined)
    .sort((a, b) => a.id! - b.id!)
    .map((m) => ({
      // Carries this deployment's markers but no key: not one of ours to match, so stale.
      key: ownedMonitorKey(m, options.deployment) ?? `#${m.id}`,
      id: m.id!,
      title: m.name ?? '',
      wire: wire('monitor', m),
    }));
  const generated = desired.monitors.map((m) => ({ key: m.key, title: m.body.name ?? m.key, body: m.body }));
  return match('monitor', generated, grouped(owned), options.prune, wire);
}

async function planMetadata(
  api: ResourceApi,
  desired: DesiredResources,
  options: PlanOptions,
  wire: ToWire,
): Promise<PlanItem[]> {
  const read = await mapLimited(desired.metadata, options.concurrency ?? 8, (m) =>
    api.getMetricMetadata(m.metric),
  );
  return desired.metadata.map((m, i): PlanItem => {
    const actual = read[i];
    const base = { kind: 'metadata' as const, key: m.metric, title: m.metric };
    if (actual === undefined) return { ...base, action: 'waits' };
    const changes = differences(
      'metadata',
      managed(wire('metadata', m.body)),
      managed(wire('metadata', actual)),
    );
    return changes.length > 0
      ? { ...base, action: 'update', changes, body: withClearedFields(m.body) }
      : { ...base, action: 'unchanged' };
  });
}

/** The managed fields of a metadata body, null when absent (a PUT keeps a field it does not name). */
function managed(body: Wire): Wire {
  return Object.fromEntries(METADATA_FIELDS.map((f) => [f, body[f] ?? null]));
}

/** The body with a null for each managed field it leaves out, so that the PUT clears it. */
function withClearedFields(body: v1.MetricMetadata): v1.MetricMetadata {
  const cleared = { unit: null, perUnit: null, shortName: null, description: null, type: null };
  return { ...cleared, ...body } as unknown as v1.MetricMetadata;
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Counts by action. */
export function summarize(plan: Plan): Record<Action, number> {
  const counts: Record<Action, number> = {
    create: 0,
    update: 0,
    unchanged: 0,
    delete: 0,
    stale: 0,
    waits: 0,
  };
  for (const item of plan.items) counts[item.action] += 1;
  return counts;
}

/** True when an apply (with the plan's prune) would write something. */
export function hasChanges(plan: Plan): boolean {
  return plan.items.some((i) => i.action === 'create' || i.action === 'update' || i.action === 'delete');
}
