/** The fake Datadog API's monitors: validated, stored and listed by tags as Datadog does. */
import {
  ApiError,
  type JsonObject,
  type StoredMonitor,
  type ObjectsOptions,
  isoMicro,
  integerParam,
  commaList,
  isObject,
} from './api-common';

/** The monitor types Datadog accepts (the client's MonitorType). */
export const MONITOR_TYPES: readonly string[] = [
  'composite',
  'event alert',
  'log alert',
  'metric alert',
  'process alert',
  'query alert',
  'rum alert',
  'service check',
  'synthetics alert',
  'trace-analytics alert',
  'slo alert',
  'event-v2 alert',
  'audit alert',
  'ci-pipelines alert',
  'ci-tests alert',
  'error-tracking alert',
  'database-monitoring alert',
  'network-performance alert',
  'cost alert',
  'data-quality alert',
  'network-path alert',
  'data-jobs alert',
  'llm-observability alert',
];

const MONITOR_READ_ONLY = [
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
];

/** What Datadog fills in for options a monitor leaves out (the ones every type shares). */
const MONITOR_OPTION_DEFAULTS: JsonObject = {
  notify_audit: false,
  include_tags: true,
  new_host_delay: 300,
  notify_no_data: false,
  silenced: {},
};

const GROUP_STATES = ['all', 'alert', 'warn', 'no data'];
const ORG_ID = 321_001;
const USER_ID = 1_445_001;
const FIRST_MONITOR_ID = 48_000_001;

export class Monitors {
  readonly all = new Map<number, StoredMonitor>();
  private nextId = FIRST_MONITOR_ID;

  constructor(private readonly o: ObjectsOptions) {}

  create(body: unknown): StoredMonitor {
    const fields = writableMonitor(body);
    const now = this.o.now();
    const monitor = checkMonitor({
      id: this.nextId,
      restricted_roles: null,
      tags: [],
      deleted: null,
      message: '',
      name: '',
      priority: null,
      ...fields,
      options: { ...MONITOR_OPTION_DEFAULTS, ...(fields.options as JsonObject | undefined) },
      multi: false,
      created: isoMicro(now),
      created_at: now,
      creator: { id: USER_ID, handle: this.o.userHandle, name: null, email: this.o.userHandle },
      org_id: ORG_ID,
      modified: isoMicro(now),
      overall_state_modified: null,
      overall_state: 'No Data',
    });
    monitor.multi = isMulti(monitor.query);
    this.nextId += 1;
    this.all.set(monitor.id, monitor);
    return monitor;
  }

  get(idText: string): StoredMonitor {
    const monitor = /^\d+$/.test(idText) ? this.all.get(Number(idText)) : undefined;
    if (!monitor) throw new ApiError(404, 'Monitor not found');
    return monitor;
  }

  /** Datadog's edit: the fields the body names replace the stored ones, `options` whole. */
  update(idText: string, body: unknown): StoredMonitor {
    const old = this.get(idText);
    const fields = writableMonitor(body);
    const monitor = checkMonitor({
      ...old,
      ...fields,
      ...(fields.options !== undefined
        ? { options: { ...MONITOR_OPTION_DEFAULTS, ...(fields.options as JsonObject) } }
        : {}),
      modified: isoMicro(this.o.now()),
    });
    monitor.multi = isMulti(monitor.query);
    this.all.set(monitor.id, monitor);
    return monitor;
  }

  delete(idText: string): { deleted_monitor_id: number } {
    const { id } = this.get(idText);
    this.all.delete(id);
    return { deleted_monitor_id: id };
  }

  /**
   * `GET /api/v1/monitor`, by id: `monitor_tags` (comma-separated, a monitor must carry every one),
   * `tags` (every one in the query's scope), `name` (a substring, any case), `id_offset` (ids above
   * it); `page` (from 0) with `page_size` (100 by default; without `page`, everything).
   */
  list(query: Record<string, string>): StoredMonitor[] {
    if (query.group_states !== undefined) {
      const states = query.group_states.split(',').map((s) => s.trim().toLowerCase());
      if (!states.every((s) => GROUP_STATES.includes(s))) {
        throw new ApiError(400, 'Invalid group_state filters.');
      }
    }
    const monitorTags = commaList(query.monitor_tags);
    const scopeTags = commaList(query.tags);
    const name = query.name?.toLowerCase();
    const idOffset = integerParam(query, 'id_offset');
    const page = integerParam(query, 'page');
    const pageSize = integerParam(query, 'page_size');
    const matching = [...this.all.values()]
      .filter((m) => monitorTags.every((t) => m.tags.includes(t)))
      .filter((m) => scopeTags.every((t) => scopeOf(m.query).includes(t)))
      .filter((m) => name === undefined || m.name.toLowerCase().includes(name))
      .filter((m) => idOffset === undefined || m.id > idOffset)
      .sort((a, b) => a.id - b.id);
    if (page === undefined) return matching;
    const size = pageSize ?? 100;
    return matching.slice(page * size, (page + 1) * size);
  }
}

function writableMonitor(body: unknown): JsonObject {
  if (!isObject(body)) throw new ApiError(400, 'Invalid monitor: the body must be a JSON object');
  if (body.options !== undefined && !isObject(body.options)) {
    throw new ApiError(400, "Invalid monitor: 'options' must be an object");
  }
  return Object.fromEntries(Object.entries(body).filter(([k]) => !MONITOR_READ_ONLY.includes(k)));
}

/** The monitor if valid, else a 400 (Datadog's own text for a metric alert's query and threshold). */
function checkMonitor(m: JsonObject): StoredMonitor {
  if (typeof m.type !== 'string' || !MONITOR_TYPES.includes(m.type)) {
    throw new ApiError(400, `Invalid monitor: 'type' must be one of ${MONITOR_TYPES.join(', ')}`);
  }
  if (typeof m.query !== 'string' || m.query.trim() === '') {
    throw new ApiError(400, "Invalid monitor: 'query' is required");
  }
  if (typeof m.name !== 'string') throw new ApiError(400, "Invalid monitor: 'name' must be a string");
  if (typeof m.message !== 'string') throw new ApiError(400, "Invalid monitor: 'message' must be a string");
  if (!Array.isArray(m.tags) || !m.tags.every((t) => typeof t === 'string')) {
    throw new ApiError(400, "Invalid monitor: 'tags' must be a list of strings");
  }
  if (!isObject(m.options)) throw new ApiError(400, "Invalid monitor: 'options' must be an object");
  const p = m.priority;
  if (p != null && (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 5)) {
    throw new ApiError(400, "Invalid monitor: 'priority' must be an integer from 1 to 5");
  }
  if (m.type === 'metric alert' || m.type === 'query alert') {
    const threshold = /(?:>=|<=|>|<|==|!=)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(m.query)?.[1];
    if (threshold === undefined) {
      throw new ApiError(
        400,
        "The value provided for parameter 'query' is invalid: invalid operator specified: ",
      );
    }
    const critical = isObject(m.options.thresholds) ? m.options.thresholds.critical : undefined;
    if (critical != null && Number(critical) !== Number(threshold)) {
      throw new ApiError(
        400,
        `The value provided for parameter 'query' is invalid: Alert threshold (${Number(critical)}) does not match that used in the query (${threshold}).`,
      );
    }
  }
  return m as StoredMonitor;
}

/** A query grouped by something (`by {host}`, logs' `.by("source")`) alerts per group. */
function isMulti(query: string): boolean {
  return /\bby\s*[({]/.test(query);
}

/** The tags of a query's first scope: `avg(last_5m):avg:x{env:prod,team:a} > 1` → env:prod, team:a. */
function scopeOf(query: string): string[] {
  const scope = /\{([^}]*)\}/.exec(query)?.[1];
  return scope === undefined ? [] : commaList(scope);
}
