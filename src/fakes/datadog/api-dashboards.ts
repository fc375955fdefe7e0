/** The fake Datadog API's dashboards: stored, listed, updated and deleted as Datadog does. */
import {
  ApiError,
  type JsonObject,
  type StoredDashboard,
  type ObjectsOptions,
  isoMicro,
  booleanParam,
  integerParam,
  isObject,
} from './api-common';

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
