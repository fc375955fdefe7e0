/**
 * The objects behind the fake Datadog API (api.ts): dashboards, monitors and metric metadata, stored
 * and answered with Datadog's wire field names and shapes. No HTTP here: a refusal is an ApiError,
 * which api.ts answers as `{"errors":[message]}` with its status.
 *
 * The shapes and the messages quoted below follow responses Datadog recorded for its own clients
 * (datadog-api-client-go's cassettes): a dashboard's id `abc-def-ghi`, `url`
 * `/dashboard/<id>/<slugged-title>`, times as `2024-11-15T19:33:11.001823+00:00`; a deleted dashboard
 * kept and listed under `filter[deleted]=true`; a monitor update that keeps the fields it does not
 * name and replaces `options` whole. Other 400 texts are the fake's own wording.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type JsonObject = Record<string, unknown>;

export interface StoredDashboard {
  id: string;
  title: string;
  layout_type: string;
  widgets: JsonObject[];
  url: string;
  created_at: string;
  modified_at: string;
  /** Set when deleted: Datadog keeps a deleted dashboard, listed with `filter[deleted]=true`. */
  deleted_at?: string;
  [field: string]: unknown;
}

export interface StoredMonitor {
  id: number;
  name: string;
  type: string;
  query: string;
  message: string;
  tags: string[];
  options: JsonObject;
  [field: string]: unknown;
}

export interface MetricMetadata {
  type: string | null;
  description: string | null;
  short_name: string | null;
  unit: string | null;
  per_unit: string | null;
  statsd_interval: number | null;
  integration: string | null;
}

export interface ObjectsOptions {
  readonly now: () => number;
  /** The user the application key belongs to: dashboards' author, monitors' creator. */
  readonly userHandle: string;
}

/** Datadog's time format: microseconds and an explicit UTC offset. */
export function isoMicro(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000+00:00');
}

// ---------------------------------------------------------------------------------------------------
// Dashboards

const DASHBOARD_READ_ONLY = [
  'id',
  'url',
  'created_at',
  'modified_at',
  'author_handle',
  'author_name',
  'deleted_at',
];
const DASHBOARD_ID_SPACE = 36n ** 9n;

/** The nth dashboard id, `abc-def-ghi`: n times a multiplier prime to 36⁹, so ids never repeat. */
function dashboardId(n: number): string {
  const digits = ((BigInt(n) * 25_214_903_917n + 11n) % DASHBOARD_ID_SPACE).toString(36).padStart(9, '0');
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
}

/** `Test-Update_a_dashboard 1 with Profile` → `test-updateadashboard-1-with-profile`, as Datadog slugs titles. */
function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .trim()
    .replace(/[\s-]+/g, '-');
}

export class Dashboards {
  readonly all = new Map<string, StoredDashboard>();
  private created = 0;
  private widgetIds = 0;

  constructor(private readonly o: ObjectsOptions) {}

  create(body: unknown): StoredDashboard {
    const fields = this.writable(body);
    let id: string;
    do id = dashboardId(++this.created);
    while (this.all.has(id));
    const at = isoMicro(this.o.now());
    const dashboard = this.build(id, fields, at, at, this.o.userHandle);
    this.all.set(id, dashboard);
    return dashboard;
  }

  get(id: string): StoredDashboard {
    const dashboard = this.all.get(id);
    if (!dashboard || dashboard.deleted_at !== undefined) {
      throw new ApiError(404, `Dashboard with ID ${id} not found`);
    }
    return dashboard;
  }

  /** A full replacement, as Datadog's PUT: a field the body leaves out is back to its default. */
  update(id: string, body: unknown): StoredDashboard {
    const old = this.get(id);
    const fields = this.writable(body);
    const dashboard = this.build(
      id,
      fields,
      old.created_at,
      isoMicro(this.o.now()),
      String(old.author_handle),
    );
    this.all.set(id, dashboard);
    return dashboard;
  }

  delete(id: string): { deleted_dashboard_id: string } {
    this.get(id).deleted_at = isoMicro(this.o.now());
    return { deleted_dashboard_id: id };
  }

  /**
   * `GET /api/v1/dashboard`: summaries, live dashboards by default, only deleted ones with
   * `filter[deleted]=true`, only shared ones with `filter[shared]=true` (none: the fake shares
   * nothing); `start` and `count` page. Tags are no filter here (Datadog has none for dashboards).
   */
  list(query: Record<string, string>): { dashboards: JsonObject[] } {
    const shared = booleanParam(query, 'filter[shared]');
    const deleted = booleanParam(query, 'filter[deleted]');
    if (shared && deleted) throw new ApiError(400, 'filter[shared] and filter[deleted] cannot be combined');
    const start = integerParam(query, 'start') ?? 0;
    const count = integerParam(query, 'count');
    const matching = shared
      ? []
      : [...this.all.values()].filter((d) => (d.deleted_at !== undefined) === (deleted ?? false));
    const page = matching.slice(start, count === undefined ? undefined : start + count);
    return { dashboards: page.map(summary) };
  }

  private build(
    id: string,
    fields: JsonObject,
    createdAt: string,
    modifiedAt: string,
    author: string,
  ): StoredDashboard {
    const title = String(fields.title);
    return {
      id,
      description: null,
      author_handle: author,
      author_name: null,
      is_read_only: false,
      template_variables: null,
      notify_list: null,
      restricted_roles: [],
      tags: null,
      ...fields,
      title,
      layout_type: String(fields.layout_type),
      widgets: this.withIds(fields.widgets as JsonObject[]),
      url: `/dashboard/${id}/${slug(title)}`,
      created_at: createdAt,
      modified_at: modifiedAt,
    };
  }

  /** Every widget gets a numeric id when it has none, nested widgets of a group too. */
  private withIds(widgets: JsonObject[]): JsonObject[] {
    return widgets.map((w) => {
      const definition = w.definition as JsonObject;
      const nested = Array.isArray(definition.widgets)
        ? { ...definition, widgets: this.withIds(definition.widgets as JsonObject[]) }
        : definition;
      return { ...w, definition: nested, id: typeof w.id === 'number' ? w.id : ++this.widgetIds };
    });
  }

  /** The body's fields without the read-only ones, or a 400 for an invalid dashboard. */
  private writable(body: unknown): JsonObject {
    if (!isObject(body)) throw new ApiError(400, 'Invalid dashboard: the body must be a JSON object');
    if (typeof body.title !== 'string') throw new ApiError(400, "Invalid dashboard: 'title' is required");
    if (body.layout_type !== 'ordered' && body.layout_type !== 'free') {
      throw new ApiError(400, "Invalid dashboard: 'layout_type' must be 'ordered' or 'free'");
    }
    if (!Array.isArray(body.widgets)) throw new ApiError(400, "Invalid dashboard: 'widgets' is required");
    checkWidgets(body.widgets as unknown[], 'widgets');
    if (body.tags != null) {
      if (!Array.isArray(body.tags) || !body.tags.every((t) => typeof t === 'string')) {
        throw new ApiError(400, "Invalid dashboard: 'tags' must be a list of strings");
      }
      // Dashboard tags are team ownership only (Datadog's own answer for any other key).
      if (!body.tags.every((t: string) => /^team:./.test(t))) {
        throw new ApiError(400, 'Invalid tag format. Tag key must be `team`.');
      }
      if (body.tags.length > 5) throw new ApiError(400, 'Invalid dashboard: at most 5 tags');
    }
    return Object.fromEntries(Object.entries(body).filter(([k]) => !DASHBOARD_READ_ONLY.includes(k)));
  }
}

function checkWidgets(widgets: unknown[], where: string): void {
  for (const [i, w] of widgets.entries()) {
    if (!isObject(w) || !isObject(w.definition) || typeof w.definition.type !== 'string') {
      throw new ApiError(400, `Invalid dashboard: ${where}[${i}] needs a definition with a type`);
    }
    if (Array.isArray(w.definition.widgets)) {
      checkWidgets(w.definition.widgets as unknown[], `${where}[${i}].definition.widgets`);
    }
  }
}

function summary(d: StoredDashboard): JsonObject {
  const { id, title, description, layout_type, url, is_read_only, created_at, modified_at, author_handle } =
    d;
  return {
    id,
    title,
    description,
    layout_type,
    url,
    is_read_only,
    created_at,
    modified_at,
    author_handle,
    ...(d.deleted_at !== undefined ? { deleted_at: d.deleted_at } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------
// Monitors

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

// ---------------------------------------------------------------------------------------------------
// Metric metadata

const METRIC_TYPES = ['gauge', 'rate', 'count', 'distribution'];
const STRING_FIELDS = ['description', 'short_name', 'unit', 'per_unit'] as const;

const emptyMetadata = (): MetricMetadata => ({
  type: null,
  description: null,
  short_name: null,
  unit: null,
  per_unit: null,
  statsd_interval: null,
  integration: null,
});

/**
 * Metadata of the metrics that exist (Datadog knows a metric once points of it arrived: here, the
 * names the fake was given). An unknown metric: 404 `metric_name not found` on GET; on PUT, 400
 * `error updating metric metadata`, what Datadog's metadata handler answers for a missing metric
 * (it answered 404 `metric_name not found` to the PUT until at least 2022).
 */
export class MetricMetadataStore {
  readonly all = new Map<string, MetricMetadata>();

  add(name: string, metadata: Partial<MetricMetadata> = {}): void {
    this.all.set(name, { ...(this.all.get(name) ?? emptyMetadata()), ...metadata });
  }

  get(name: string): MetricMetadata {
    const metadata = this.all.get(name);
    if (!metadata) throw new ApiError(404, 'metric_name not found');
    return metadata;
  }

  /** The fields the body names replace the stored ones (`null` clears one); others stay. */
  update(name: string, body: unknown): MetricMetadata {
    const old = this.all.get(name);
    if (!old) throw new ApiError(400, 'error updating metric metadata');
    if (!isObject(body)) throw new ApiError(400, 'Invalid metadata: the body must be a JSON object');
    const next = { ...old };
    if (body.type !== undefined) {
      if (body.type !== null && (typeof body.type !== 'string' || !METRIC_TYPES.includes(body.type))) {
        throw new ApiError(400, `Invalid metadata: 'type' must be one of ${METRIC_TYPES.join(', ')}`);
      }
      next.type = body.type;
    }
    for (const field of STRING_FIELDS) {
      const value = body[field];
      if (value === undefined) continue;
      if (value !== null && typeof value !== 'string') {
        throw new ApiError(400, `Invalid metadata: '${field}' must be a string`);
      }
      next[field] = value;
    }
    const interval = body.statsd_interval;
    if (interval !== undefined) {
      if (
        interval !== null &&
        (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 0)
      ) {
        throw new ApiError(400, "Invalid metadata: 'statsd_interval' must be a whole number of seconds");
      }
      next.statsd_interval = interval;
    }
    this.all.set(name, next);
    return next;
  }
}

// ---------------------------------------------------------------------------------------------------
// Parameters

function booleanParam(query: Record<string, string>, name: string): boolean | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw new ApiError(400, `Invalid value for ${name}: ${value}`);
  return value === 'true';
}

function integerParam(query: Record<string, string>, name: string): number | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new ApiError(400, `Invalid value for ${name}: ${value}`);
  return Number(value);
}

function commaList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
