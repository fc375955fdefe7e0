/**
 * Unified service tagging in the chart: the worker pods' tags.datadoghq.com/* labels and every
 * container's DD_ENV, DD_SERVICE and DD_VERSION say the same env, service and version, the ones the
 * config (with its env overrides) gives every point; and the optional Autodiscovery annotation.
 */
import { parse } from 'yaml';
import { registry } from '../../src/collectors/registry';
import { parseConfig } from '../../src/config';
import { find, onlyContainer, podTemplate, render, type K8sObject } from './support';

const CHART_APP_VERSION = '0.1.0'; // Chart.yaml appVersion

function unified(objects: K8sObject[]) {
  const deployment = find(objects, 'Deployment');
  const pod = podTemplate(deployment).metadata;
  const labels = (from: Record<string, string> | undefined) =>
    Object.fromEntries(Object.entries(from ?? {}).filter(([k]) => k.startsWith('tags.datadoghq.com/')));
  const containers = [
    deployment,
    find(objects, 'Job', '-schedules-sync'),
    find(objects, 'Pod', '-doctor'),
  ].map((o) => {
    const env = onlyContainer(o).env ?? [];
    const value = (name: string) => env.find((e) => e.name === name)?.value;
    return { DD_ENV: value('DD_ENV'), DD_SERVICE: value('DD_SERVICE'), DD_VERSION: value('DD_VERSION') };
  });
  return {
    deploymentLabels: labels(deployment.metadata.labels),
    podLabels: labels(pod.labels),
    annotations: pod.annotations ?? {},
    containers,
    // What the worker reads: the ConfigMap's file with the container's variables over it.
    config: parseConfig(parse(find(objects, 'ConfigMap').data!['collectors.yaml']!) as unknown, {
      env: containers[0]!,
      registry,
      source: 'ConfigMap',
    }).datadog,
  };
}

test('defaults: env and service from values, version the chart appVersion, the same everywhere', async () => {
  const u = unified(await render());
  const labels = {
    'tags.datadoghq.com/env': 'prod',
    'tags.datadoghq.com/service': 'datadog-collectors',
    'tags.datadoghq.com/version': CHART_APP_VERSION,
  };
  expect(u.deploymentLabels).toEqual(labels);
  expect(u.podLabels).toEqual(labels);
  const env = { DD_ENV: 'prod', DD_SERVICE: 'datadog-collectors', DD_VERSION: CHART_APP_VERSION };
  expect(u.containers).toEqual([env, env, env]);
  expect(u.config).toMatchObject({ env: 'prod', service: 'datadog-collectors', version: CHART_APP_VERSION });
  expect(Object.keys(u.annotations).filter((k) => k.startsWith('ad.datadoghq.com/'))).toEqual([]);
});

test('datadog.version wins over image.tag, which wins over the appVersion; datadog.tags reach the config', async () => {
  const [tagged, versioned] = await Promise.all([
    render(
      [],
      ['image={"tag":"v2.4.0"}', 'datadog={"env":"staging","service":"metrics","tags":["team:platform"]}'],
    ),
    render([], ['image={"tag":"v2.4.0"}', 'datadog={"version":"2.4.0-rc.1"}']),
  ]);
  const a = unified(tagged);
  expect(a.podLabels).toEqual({
    'tags.datadoghq.com/env': 'staging',
    'tags.datadoghq.com/service': 'metrics',
    'tags.datadoghq.com/version': 'v2.4.0',
  });
  expect(a.containers[0]).toEqual({ DD_ENV: 'staging', DD_SERVICE: 'metrics', DD_VERSION: 'v2.4.0' });
  expect(a.config).toMatchObject({
    env: 'staging',
    service: 'metrics',
    version: 'v2.4.0',
    tags: ['team:platform'],
  });
  const b = unified(versioned);
  expect(b.podLabels['tags.datadoghq.com/version']).toBe('2.4.0-rc.1');
  expect(b.containers.map((c) => c.DD_VERSION)).toEqual(['2.4.0-rc.1', '2.4.0-rc.1', '2.4.0-rc.1']);
  expect(b.config.version).toBe('2.4.0-rc.1');
});

test('metrics.autodiscovery.enabled: the OpenMetrics check on the worker container, at its metrics port', async () => {
  const u = unified(
    await render(
      [],
      ['metrics={"autodiscovery":{"enabled":true}}', 'worker={"healthPort":8080,"metricsPort":9100}'],
    ),
  );
  // The annotation names the container (`worker`); %%host%% is the Agent's template variable for the pod IP.
  expect(JSON.parse(u.annotations['ad.datadoghq.com/worker.checks']!)).toEqual({
    openmetrics: {
      instances: [
        {
          openmetrics_endpoint: 'http://%%host%%:9100/metrics',
          namespace: 'datadog_collectors',
          metrics: ['temporal_.*'],
        },
      ],
    },
  });
});

test('per-target tags pass through the collectors values into a config the worker accepts', async () => {
  const objects = await render(
    [],
    [
      'collectors={"skypilot":{"targets":[{"name":"prod","url":"https://sky.example.com"}],"targetTags":{"prod":["team:ml"]}}}',
    ],
  );
  const text = find(objects, 'ConfigMap').data!['collectors.yaml']!;
  const config = parseConfig(parse(text) as unknown, { env: {}, registry, source: 'ConfigMap' });
  expect(config.collectors.skypilot?.targetTags).toEqual({ prod: ['team:ml'] });
});
