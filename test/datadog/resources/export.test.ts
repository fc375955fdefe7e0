/**
 * `collectors datadog export`: the JSON document (every body as the API takes it, read back by the
 * real client's deserializer into the generated model) and the Terraform file (its structure held to
 * the Datadog provider's documented arguments: terraform itself is not run here).
 */
import { v1 } from '@datadog/datadog-api-client';
import { asanaCollector } from '../../../src/collectors/asana';
import { desiredResources } from '../../../src/datadog/resources/desired';
import { exportDocument, exportJson } from '../../../src/datadog/resources/export-json';
import { exportTerraform } from '../../../src/datadog/resources/export-terraform';
import { monitorOptions } from '../../../src/datadog/resources/monitors';
import type { ResourceOptions } from '../../../src/datadog/resources/options';

const options: ResourceOptions = {
  deployment: 'prod',
  env: 'prod',
  collectors: [{ collector: asanaCollector, schedule: '6h' }],
  dashboards: true,
  monitors: true,
  metadata: true,
  monitorOptions: monitorOptions({ deployment: 'prod', env: 'prod', notify: ['@slack-ops'] }),
  disabledMonitors: [],
};
const desired = desiredResources(options);

/**
 * The arguments of the provider's resources (registry.terraform.io/providers/DataDog/datadog, the
 * resources datadog_monitor, datadog_dashboard_json and datadog_metric_metadata): every one the
 * export may write; the required ones first.
 */
const PROVIDER = {
  datadog_monitor: {
    required: ['name', 'type', 'query', 'message'],
    optional: [
      'tags',
      'priority',
      'monitor_thresholds',
      'monitor_threshold_windows',
      'notify_no_data',
      'no_data_timeframe',
      'require_full_window',
      'include_tags',
      'new_host_delay',
      'new_group_delay',
      'evaluation_delay',
      'renotify_interval',
      'renotify_occurrences',
      'renotify_statuses',
      'escalation_message',
      'notify_audit',
      'notify_by',
      'timeout_h',
      'enable_logs_sample',
      'on_missing_data',
      'group_retention_duration',
      'notification_preset_name',
    ],
  },
  monitor_thresholds: {
    required: [],
    optional: ['critical', 'critical_recovery', 'ok', 'unknown', 'warning', 'warning_recovery'],
  },
  datadog_dashboard_json: { required: ['dashboard'], optional: [] },
  datadog_metric_metadata: {
    required: ['metric'],
    optional: ['type', 'description', 'short_name', 'unit', 'per_unit', 'statsd_interval'],
  },
} as const;

function checkArguments(
  block: Record<string, unknown>,
  schema: { required: readonly string[]; optional: readonly string[] },
) {
  for (const r of schema.required) expect(block).toHaveProperty([r]);
  expect(Object.keys(block).filter((k) => ![...schema.required, ...schema.optional].includes(k))).toEqual([]);
}

describe('export --format json', () => {
  test('one document of wire bodies, which the real client reads back into the generated models', () => {
    const doc = JSON.parse(exportJson(desired)) as ReturnType<typeof exportDocument>;
    // 2 dashboards (Asana's, health), 6 monitors (5 health + overdue-tasks), Asana's metrics + 7 health.
    expect([doc.dashboards.length, doc.monitors.length]).toEqual([2, 6]);
    expect(Object.keys(doc.metadata)).toHaveLength(asanaCollector.catalog.metrics.length + 7);
    // snake_case, as the API takes it.
    expect(doc.monitors[0]).toMatchObject({
      type: 'query alert',
      options: {
        notify_no_data: true,
        no_data_timeframe: 720,
        include_tags: true,
        require_full_window: false,
      },
    });
    expect(doc.dashboards[0]).toHaveProperty('layout_type', 'ordered');
    expect(doc.dashboards[0]).toHaveProperty('template_variables');
    expect(doc.metadata['collector.asana.error_count']).toEqual({
      type: 'gauge',
      unit: 'item',
      short_name: 'error count',
      description: 'Units (group × target) that failed in this cycle.',
    });

    doc.dashboards.forEach((d, i) =>
      expect(v1.ObjectSerializer.deserialize(d, 'Dashboard', '')).toEqual(desired.dashboards[i]!.body),
    );
    doc.monitors.forEach((m, i) =>
      expect(v1.ObjectSerializer.deserialize(m, 'Monitor', '')).toEqual(desired.monitors[i]!.body),
    );
    for (const { metric, body } of desired.metadata) {
      expect(v1.ObjectSerializer.deserialize(doc.metadata[metric], 'MetricMetadata', '')).toEqual(body);
    }
  });
});

describe('export --format terraform', () => {
  const file = JSON.parse(exportTerraform(exportDocument(desired), 'prod')) as {
    terraform: unknown;
    resource: Record<string, Record<string, Record<string, unknown>>>;
  };

  test('the provider is required; dashboards, monitors and metadata are resources of it', () => {
    expect(file.terraform).toEqual({ required_providers: { datadog: { source: 'DataDog/datadog' } } });
    expect(Object.keys(file.resource)).toEqual([
      'datadog_dashboard_json',
      'datadog_monitor',
      'datadog_metric_metadata',
    ]);
    // Names: the deployment, the kind and the key, with what an identifier refuses as `_`.
    expect(Object.keys(file.resource.datadog_dashboard_json!)).toEqual([
      'prod_dashboard_asana',
      'prod_dashboard_health',
    ]);
    expect(Object.keys(file.resource.datadog_monitor!)).toEqual([
      'prod_asana_no-data',
      'prod_asana_repeated-errors',
      'prod_asana_unit-failing',
      'prod_asana_points-dropped',
      'prod_asana_invalid-points',
      'prod_asana_overdue-tasks',
    ]);
    for (const name of Object.keys(file.resource.datadog_metric_metadata!)) {
      expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
    }
  });

  test("every resource uses only the provider's documented arguments, the required ones included", () => {
    for (const [type, resources] of Object.entries(file.resource)) {
      for (const resource of Object.values(resources)) {
        checkArguments(resource, PROVIDER[type as keyof typeof PROVIDER]);
        if (type === 'datadog_monitor') {
          checkArguments(resource.monitor_thresholds as Record<string, unknown>, PROVIDER.monitor_thresholds);
        }
      }
    }
  });

  test('a monitor: its options as arguments, thresholds as strings, the same values as the JSON export', () => {
    const noData = file.resource.datadog_monitor!['prod_asana_no-data']!;
    const json = exportDocument(desired).monitors[0]!;
    expect(noData).toEqual({
      name: json.name,
      type: 'query alert',
      query: json.query,
      message: json.message,
      tags: json.tags,
      monitor_thresholds: { critical: '0' },
      notify_no_data: true,
      // 2 × 6 h = 720 minutes.
      no_data_timeframe: 720,
      include_tags: true,
      require_full_window: false,
    });
    expect(noData.message).toContain('@slack-ops');
  });

  test('a dashboard: the JSON string of the API body; template sequences escaped for Terraform', () => {
    const asana = file.resource.datadog_dashboard_json!.prod_dashboard_asana!;
    expect(JSON.parse(asana.dashboard as string)).toEqual(exportDocument(desired).dashboards[0]);

    const doc = exportDocument(desired);
    const tricky = {
      ...doc,
      monitors: [{ ...doc.monitors[0]!, message: 'shell ${HOME} and %{ if x }' }],
    };
    const escaped = JSON.parse(exportTerraform(tricky, 'prod')) as typeof file;
    expect(escaped.resource.datadog_monitor!['prod_asana_no-data']!.message).toBe(
      'shell $${HOME} and %%{ if x }',
    );
  });

  test('an option the resource has no argument for is an error, not dropped', () => {
    const doc = exportDocument(desired);
    const odd = {
      ...doc,
      monitors: [{ ...doc.monitors[0]!, options: { thresholds: {}, mystery_option: 1 } }],
    };
    expect(() => exportTerraform(odd, 'prod')).toThrow(
      'datadog_monitor has no argument for the option mystery_option',
    );
  });
});
