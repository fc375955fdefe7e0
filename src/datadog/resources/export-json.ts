/**
 * `collectors datadog export --format json`: the generated objects in one document, each exactly as
 * the Datadog API takes it (`POST /api/v1/dashboard`, `POST /api/v1/monitor`,
 * `PUT /api/v1/metrics/{name}`): the typed bodies serialized by the client's own ObjectSerializer,
 * in the API's snake_case wire form.
 */
import { toWire, type Wire } from './compare';
import type { DesiredResources } from './desired';
import { datadogApiClient } from '../api-client';

export interface ExportDocument {
  readonly dashboards: Wire[];
  readonly monitors: Wire[];
  /** By metric name. */
  readonly metadata: Record<string, Wire>;
}

export function exportDocument(desired: DesiredResources): ExportDocument {
  const serializer = datadogApiClient().v1.ObjectSerializer;
  return {
    dashboards: desired.dashboards.map((d) => toWire(serializer, 'dashboard', d.body)),
    monitors: desired.monitors.map((m) => toWire(serializer, 'monitor', m.body)),
    metadata: Object.fromEntries(
      desired.metadata.map((m) => [m.metric, toWire(serializer, 'metadata', m.body)]),
    ),
  };
}

export function exportJson(desired: DesiredResources): string {
  return `${JSON.stringify(exportDocument(desired), null, 2)}\n`;
}
