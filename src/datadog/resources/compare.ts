/**
 * What differs between a generated object and the one Datadog holds, compared in the API's wire form
 * (snake_case, as the client's ObjectSerializer writes it) so that the paths read as Datadog's docs.
 *
 * Normalized: what Datadog adds to what it was sent is not a difference. Every field the generated
 * object names must be equal; a field only Datadog's copy has is a difference unless Datadog owns it
 * (ids, times, authors, states: SERVER_FIELDS), it is a default (null, false, 0, an empty string, list
 * or object, or one of DEFAULTS: what Datadog fills in for a monitor option it was not sent), or it is
 * inside a dashboard's widgets, where Datadog fills in ids and display settings of its own. Tags are
 * compared as sets. So a plan right after an apply finds nothing to do, and a field set by hand in
 * Datadog (a monitor's priority, a changed query, a widget's title) shows as a change the next apply
 * undoes.
 */
import type { v1 } from '@datadog/datadog-api-client';

export type Kind = 'dashboard' | 'monitor' | 'metadata';

/** The wire type names the client's ObjectSerializer knows the bodies by. */
export const WIRE_TYPE: Readonly<Record<Kind, string>> = {
  dashboard: 'Dashboard',
  monitor: 'Monitor',
  metadata: 'MetricMetadata',
};

export type Wire = Record<string, unknown>;

/** The body as the API takes it: the typed model serialized by the client itself. */
export function toWire(
  serializer: typeof v1.ObjectSerializer,
  kind: Kind,
  body: v1.Dashboard | v1.Monitor | v1.MetricMetadata,
): Wire {
  return serializer.serialize(body, WIRE_TYPE[kind], '') as Wire;
}

/** Fields of the top level that Datadog sets, by kind. */
const SERVER_FIELDS: Readonly<Record<Kind, ReadonlySet<string>>> = {
  dashboard: new Set([
    'id',
    'url',
    'created_at',
    'modified_at',
    'author_handle',
    'author_name',
    'deleted_at',
    'is_read_only',
    'restricted_roles',
  ]),
  monitor: new Set([
    'id',
    'created',
    'created_at',
    'creator',
    'deleted',
    'modified',
    'org_id',
    'overall_state',
    'overall_state_modified',
    'multi',
    'matching_downtimes',
    'state',
    'restricted_roles',
    'draft_status',
  ]),
  metadata: new Set(['integration', 'statsd_interval']),
};

/** What Datadog fills in for a monitor option left out, by path. */
const DEFAULTS: Readonly<Record<string, unknown>> = {
  'options.include_tags': true,
  'options.new_host_delay': 300,
};

export interface Change {
  /** `options.thresholds.critical`, `widgets[2].definition.title`. */
  readonly path: string;
  /** Datadog's value; undefined when it has none. */
  readonly from: unknown;
  /** The generated value; undefined when the field is to go. */
  readonly to: unknown;
}

/** The differences, in the order of the generated object's fields. */
export function differences(kind: Kind, desired: Wire, actual: Wire): Change[] {
  const changes: Change[] = [];
  compareObjects(kind, desired, actual, '', changes);
  return changes;
}

function compareObjects(kind: Kind, desired: Wire, actual: Wire, path: string, out: Change[]): void {
  for (const [key, want] of Object.entries(desired)) {
    if (want === undefined) continue;
    compareValues(kind, want, actual[key], join(path, key), out);
  }
  if (kind === 'dashboard' && path.includes('widgets[')) return;
  for (const [key, have] of Object.entries(actual)) {
    if (key in desired && desired[key] !== undefined) continue;
    const at = join(path, key);
    if (path === '' && SERVER_FIELDS[kind].has(key)) continue;
    if (isEmpty(have) || have === 0 || DEFAULTS[at] === have) continue;
    out.push({ path: at, from: have, to: undefined });
  }
}

function compareValues(kind: Kind, want: unknown, have: unknown, path: string, out: Change[]): void {
  if (isPlainObject(want) && isPlainObject(have)) return compareObjects(kind, want, have, path, out);
  if (Array.isArray(want) && Array.isArray(have)) {
    if (path.endsWith('tags') && want.every((t) => typeof t === 'string')) {
      const sorted = (list: unknown[]) => JSON.stringify([...list].map(String).sort());
      if (sorted(want) !== sorted(have)) out.push({ path, from: have, to: want });
      return;
    }
    if (want.length !== have.length) return void out.push({ path, from: have, to: want });
    want.forEach((w, i) => compareValues(kind, w, have[i], `${path}[${i}]`, out));
    return;
  }
  if (isEmpty(want) && isEmpty(have)) return;
  if (want !== have) out.push({ path, from: have, to: want });
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function isPlainObject(value: unknown): value is Wire {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.values(value).every((v) => v === undefined);
}

/** One line of changes: `options.thresholds.critical: 5 → 7; widgets: 3 → 4 items`. */
export function describeChanges(changes: readonly Change[], max = 5): string {
  const shown = changes.slice(0, max).map((c) => `${c.path}: ${show(c.from)} → ${show(c.to)}`);
  const more = changes.length > max ? [`${changes.length - max} more`] : [];
  return [...shown, ...more].join('; ');
}

function show(value: unknown): string {
  if (value === undefined) return '(unset)';
  if (Array.isArray(value)) {
    return value.every((v) => typeof v !== 'object') && value.length <= 6
      ? `[${value.map((v) => show(v)).join(', ')}]`
      : `${value.length} item${value.length === 1 ? '' : 's'}`;
  }
  if (isPlainObject(value)) return '{…}';
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…"` : text;
}
