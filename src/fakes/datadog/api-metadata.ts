/** The fake Datadog API's metric metadata: read and updated per metric name. */
import { ApiError, type MetricMetadata, isObject } from './api-common';

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
