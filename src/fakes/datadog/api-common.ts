/**
 * What the fake Datadog API's stores share (api-dashboards.ts, api-monitors.ts, api-metadata.ts): objects
 * stored and answered with Datadog's wire field names and shapes. No HTTP here: a refusal is an ApiError,
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

export function booleanParam(query: Record<string, string>, name: string): boolean | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw new ApiError(400, `Invalid value for ${name}: ${value}`);
  return value === 'true';
}

export function integerParam(query: Record<string, string>, name: string): number | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new ApiError(400, `Invalid value for ${name}: ${value}`);
  return Number(value);
}

export function commaList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
