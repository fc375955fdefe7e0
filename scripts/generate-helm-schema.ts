// Writes helm/datadog-collectors/values.schema.json: the config file's JSON Schema (the `deployment`,
// `datadog`, `secrets`, `cycle`, `worker` and `collectors` sections reused as they are) plus the keys only
// the chart has (image, replicas, resources, Secret sources, ...). Run: `npm run docs`.
// test/helm/schema.test.ts fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { registry } from '../src/collectors/registry';
import type { Registry } from '../src/collectors/types';
import { configJsonSchema } from '../src/config/json-schema';
import { projectRoot } from '../src/util/paths';
import { prettierJson } from '../src/docs/prettier-json';

export const CHART_DIR = join('helm', 'datadog-collectors');
export const HELM_SCHEMA_FILE = join(CHART_DIR, 'values.schema.json');
export const HELM_REGENERATE_COMMAND = 'npm run docs';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema> };

// JSON Schema patterns for the strings zod checks with code (src/time.ts). They are a first filter for
// `helm lint`; the worker and the schedules hook still validate the rendered file with the real parsers.
// Go's regexp runs them in Helm (no look-arounds), editors run them as ECMAScript.
const UNIT = '(?:w|d|h|ms|m|s)';
export const DURATION_PATTERN = `^(?:[0-9]+${UNIT})+$`;
export const SCHEDULE_PATTERN =
  `^\\s*(?:[0-9]+${UNIT}(?:[0-9]+${UNIT})*` +
  '|@[a-z]+' +
  '|[0-9A-Za-z*/,-]+(?:\\s+[0-9A-Za-z*/,-]+){4,6})\\s*$';
const DURATION_KEYS = new Set([
  'timeout',
  'initialInterval',
  'maximumInterval',
  'retryFor',
  'catchupWindow',
  'ttl',
]);

// Kubernetes quantities as the chart reads them (the heap size is computed from the memory limit).
const MEMORY_PATTERN = '^[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti|k|M|G|T)?$';
const CPU_PATTERN = '^[0-9]+(?:\\.[0-9]+)?m?$';

const str = (description: string, extra: Record<string, unknown> = {}): Schema => ({
  type: 'string',
  description,
  ...extra,
});
const bool = (description: string): Schema => ({ type: 'boolean', description });
const int = (description: string, minimum?: number, maximum?: number): Schema => ({
  type: 'integer',
  description,
  ...(minimum !== undefined ? { minimum } : {}),
  ...(maximum !== undefined ? { maximum } : {}),
});
const obj = (
  description: string,
  properties: Record<string, Schema>,
  extra: Record<string, unknown> = {},
) => ({
  type: 'object',
  description,
  properties,
  additionalProperties: false,
  ...extra,
});
const stringMap = (description: string): Schema => ({
  type: 'object',
  description,
  additionalProperties: { type: 'string' },
});
/** A Kubernetes object the chart passes through as it is: Kubernetes validates its inside. */
const passThrough = (description: string): Schema => ({ type: 'object', description });

const quantities = (what: string) =>
  obj(what, {
    cpu: {
      type: ['string', 'number'],
      pattern: CPU_PATTERN,
      description: 'CPU, e.g. 100m or 0.5.',
    },
    memory: str('Memory, a quantity string such as 512Mi or 1Gi.', { pattern: MEMORY_PATTERN }),
    'ephemeral-storage': str('Local ephemeral storage, e.g. 1Gi.', { pattern: MEMORY_PATTERN }),
  });

const resources = (description: string) =>
  obj(description, {
    requests: quantities('What the scheduler reserves for the container.'),
    limits: quantities('The most the container may use.'),
  });

const secretKeyRef = obj('A key of a Secret.', {
  name: str('Name of the Secret.', { minLength: 1 }),
  key: str('Key in the Secret.', { minLength: 1 }),
  optional: bool('Start even when the Secret or key is missing.'),
});

const envVar = obj(
  'An environment variable: a literal value or a reference.',
  {
    name: str('Variable name.', { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }),
    value: str('Literal value (never a secret: use valueFrom.secretKeyRef).'),
    valueFrom: obj('Where the value comes from.', {
      secretKeyRef,
      configMapKeyRef: obj('A key of a ConfigMap.', {
        name: str('Name of the ConfigMap.', { minLength: 1 }),
        key: str('Key in the ConfigMap.', { minLength: 1 }),
        optional: bool('Start even when the ConfigMap or key is missing.'),
      }),
      fieldRef: obj('A field of the pod (downward API).', {
        fieldPath: str('e.g. metadata.name, status.podIP.', { minLength: 1 }),
        apiVersion: str('Schema version of fieldPath, e.g. v1.'),
      }),
    }),
  },
  { required: ['name'] },
);

const toleration = obj('A Kubernetes toleration.', {
  key: str('Taint key (empty with operator Exists: every taint).'),
  operator: str('How the value is compared.', { enum: ['Exists', 'Equal'] }),
  value: str('Taint value to match.'),
  effect: str('Taint effect to tolerate (empty: all).', {
    enum: ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  }),
  tolerationSeconds: int('How long a NoExecute taint is tolerated.', 0),
});

/** The keys only the chart has: how the worker runs on Kubernetes and where its secrets come from. */
function chartProperties(): Record<string, Schema> {
  return {
    global: passThrough('Values a parent chart shares with its subcharts (unused by this chart).'),
    nameOverride: str('Replaces the chart name in resource names and labels.'),
    fullnameOverride: str(
      'Replaces the whole resource name (default: the release name, plus the chart name unless it contains it).',
    ),
    image: obj('The worker image, built from the Dockerfile at the root of the project.', {
      repository: str('Image repository.', { minLength: 1 }),
      tag: str("Image tag. Empty: the chart's appVersion."),
      digest: str('Image digest (sha256:...); when set it is used instead of the tag.', {
        pattern: '^(?:sha256:[0-9a-f]{64})?$',
      }),
      pullPolicy: str('When the kubelet pulls the image.', { enum: ['Always', 'IfNotPresent', 'Never'] }),
    }),
    imagePullSecrets: {
      type: 'array',
      description: 'Secrets with credentials for a private registry.',
      items: obj(
        'A Secret of type kubernetes.io/dockerconfigjson.',
        { name: str('Its name.', { minLength: 1 }) },
        { required: ['name'] },
      ),
    },
    replicas: int(
      'Worker pods. Two or more keep collecting through a node drain or a rolling update; 0 stops every collection (schedules fire and wait).',
      0,
    ),
    resources: resources('Resources of each worker container.'),
    maxOldSpacePercent: int(
      'V8 heap limit (NODE_OPTIONS=--max-old-space-size) as a percentage of resources.limits.memory; the rest is left to the native Temporal core and buffers. No memory limit: no heap limit is set.',
      10,
      90,
    ),
    terminationGracePeriodSeconds: int(
      "Time a worker pod gets after SIGTERM. Must exceed the worker's shutdown grace: the longest unit timeout of the enabled groups, at least 120 s (GitHub's groups: up to 5m, so the default is 330).",
      121,
    ),
    logLevel: str('Log level of the worker, the schedules hook and the test (env LOG_LEVEL).', {
      enum: ['debug', 'info', 'warn', 'error'],
    }),
    extraEnv: {
      type: 'array',
      description: 'More environment variables for every container, e.g. HTTPS_PROXY and NO_PROXY.',
      items: envVar,
    },
    podAnnotations: stringMap('Annotations of the worker pods.'),
    podLabels: stringMap('Labels of the worker pods (beside the chart labels).'),
    priorityClassName: str('PriorityClass of the worker pods.'),
    nodeSelector: stringMap('Node labels the worker pods must run on.'),
    tolerations: { type: 'array', description: 'Taints the worker pods tolerate.', items: toleration },
    affinity: obj('Kubernetes affinity of the worker pods (inside each part, Kubernetes validates).', {
      nodeAffinity: passThrough('A Kubernetes NodeAffinity.'),
      podAffinity: passThrough('A Kubernetes PodAffinity.'),
      podAntiAffinity: passThrough('A Kubernetes PodAntiAffinity.'),
    }),
    topologySpread: obj('Spreads the worker pods across nodes (topologyKey kubernetes.io/hostname).', {
      enabled: bool('Add the topology spread constraint.'),
      maxSkew: int('Largest allowed difference of worker pods between two nodes.', 1),
      whenUnsatisfiable: str('ScheduleAnyway prefers spreading; DoNotSchedule requires it.', {
        enum: ['ScheduleAnyway', 'DoNotSchedule'],
      }),
    }),
    podDisruptionBudget: obj('Limits voluntary evictions (node drains) of worker pods.', {
      enabled: bool('Create the PodDisruptionBudget.'),
      maxUnavailable: {
        type: ['integer', 'string'],
        minimum: 0,
        pattern: '^[0-9]+%$',
        description: 'Worker pods that may be evicted at once: a number or a percentage such as 50%.',
      },
    }),
    serviceAccount: obj("The pods' ServiceAccount; with IRSA it carries the AWS role.", {
      create: bool('Create the ServiceAccount (else use an existing one, named below).'),
      name: str('Its name. Empty: the release fullname.'),
      annotations: stringMap('More annotations of the ServiceAccount.'),
      awsRoleArn: str(
        'IAM role for IRSA (annotation eks.amazonaws.com/role-arn): deploy/iam/ has its policy and trust policy.',
        { pattern: '^(?:arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+)?$' },
      ),
    }),
    metrics: obj(
      'Prometheus scraping of the Temporal runtime metrics on worker.metricsPort (path /metrics).',
      {
        scrapeAnnotations: bool('Add prometheus.io/scrape, /port and /path annotations to the worker pods.'),
        service: obj('A Service in front of the metrics port (created too when serviceMonitor is enabled).', {
          enabled: bool('Create the Service.'),
          type: str('Service type.', { enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] }),
          annotations: stringMap('Annotations of the Service.'),
        }),
        serviceMonitor: obj('A prometheus-operator ServiceMonitor (needs its CRD).', {
          enabled: bool('Create the ServiceMonitor.'),
          interval: str('Scrape interval.', { pattern: DURATION_PATTERN }),
          scrapeTimeout: str('Scrape timeout.', { pattern: DURATION_PATTERN }),
          labels: stringMap(
            'Labels the Prometheus instance selects ServiceMonitors by (e.g. release: prometheus).',
          ),
        }),
      },
    ),
    schedules: obj(
      'The hook Job that runs `collectors schedules sync` after install, upgrade and rollback.',
      {
        sync: bool('Run the hook Job.'),
        prune: bool('Pass --prune: delete the schedules this deployment owns that the config no longer has.'),
        backoffLimit: int('Retries of a failed sync before the hook (and so the helm command) fails.', 0),
        activeDeadlineSeconds: int('Time the Job may take, retries included.', 30),
        resources: resources('Resources of the hook container.'),
      },
    ),
    tests: obj('The `helm test` Pod that runs `collectors doctor`.', {
      enabled: bool('Create the test Pod.'),
      timeout: str('How long each doctor check may take (--timeout).', { pattern: DURATION_PATTERN }),
    }),
  };
}

/** Adds the duration and schedule patterns to the engine's string fields that zod checks with code. */
function withPatterns(schema: Schema, key?: string): Schema {
  // A collector's own targets and options carry its own formats: left as they are.
  if (key === 'targets' || key === 'options') return schema;
  const copy: Schema = { ...schema };
  if (copy.type === 'string' && copy.pattern === undefined && copy.enum === undefined && key) {
    if (key === 'schedule') copy.pattern = SCHEDULE_PATTERN;
    else if (DURATION_KEYS.has(key)) copy.pattern = DURATION_PATTERN;
  }
  if (copy.properties) {
    copy.properties = Object.fromEntries(
      Object.entries(copy.properties).map(([k, v]) => [k, withPatterns(v, k)]),
    );
  }
  return copy;
}

/** The chart's values schema for the collectors of `reg`. */
export function helmValuesSchema(reg: Registry = registry): Schema {
  const config = configJsonSchema(reg) as Schema;
  const section = (name: string): Schema => {
    const s = config.properties?.[name];
    if (!s) throw new Error(`the config schema has no "${name}" section`);
    const { default: _default, ...rest } = withPatterns(s, name);
    return rest;
  };
  const temporal = section('temporal');
  const temporalProps = temporal.properties!;
  const tls = temporalProps.tls!;
  const chart = chartProperties();
  return {
    $schema: config.$schema,
    title: 'datadog-collectors Helm values',
    description:
      'Values of the datadog-collectors chart. The deployment, temporal, datadog, secrets, cycle, worker and ' +
      'collectors sections are those of the config file (schema/collectors-config.schema.json); the chart renders ' +
      'them into the ConfigMap. Secret values never go here: only names of existing Secrets.',
    type: 'object',
    properties: {
      ...chart,
      deployment: section('deployment'),
      temporal: {
        ...temporal,
        description:
          'Connection to Temporal. The API key and the TLS certificates come from existing Secrets (below), never ' +
          'from values.',
        properties: {
          address: temporalProps.address!,
          namespace: temporalProps.namespace!,
          taskQueue: temporalProps.taskQueue!,
          tls: {
            ...tls,
            description:
              'TLS to the Temporal frontend. Certificates come from an existing Secret, mounted as files; the ' +
              'chart writes their paths into the config.',
            properties: {
              enabled: tls.properties!.enabled!,
              serverName: tls.properties!.serverName!,
              existingSecret: str(
                'Secret with the PEM files (e.g. a kubernetes.io/tls Secret, or one cert-manager writes).',
              ),
              certKey: str('Key of the client certificate in existingSecret (mTLS); empty: none.'),
              keyKey: str('Key of the client private key in existingSecret (mTLS); empty: none.'),
              caKey: str('Key of the CA certificate in existingSecret; empty: the system CAs.'),
            },
          },
          apiKey: obj(
            'Temporal Cloud API key from an existing Secret, as env TEMPORAL_API_KEY (turns TLS on).',
            {
              existingSecret: str('Name of the Secret; empty: no API key.'),
              key: str('Key of the API key in that Secret.', { minLength: 1 }),
            },
          ),
        },
      },
      datadog: section('datadog'),
      secrets: {
        ...section('secrets'),
        properties: {
          ...section('secrets').properties,
          existingSecret: str(
            'Kubernetes Secret whose keys are environment variables (DD_API_KEY, GITHUB_TOKEN, ...), loaded into ' +
              'every container with envFrom. The source with backend env; the fallback with backend aws. Empty: none.',
          ),
        },
      },
      cycle: section('cycle'),
      worker: section('worker'),
      collectors: section('collectors'),
    },
    additionalProperties: false,
  };
}

/** The file's text as `prettier --check` wants it. */
export function renderHelmSchema(reg: Registry = registry): string {
  return prettierJson(helmValuesSchema(reg));
}

// ---------------------------------------------------------------------------------------------------
// The README's values table

/** Objects summarised in one row: collector-specific settings and Kubernetes objects. */
function summarised(path: string[]): boolean {
  const last = path[path.length - 1];
  if (path[0] === 'collectors' && path.length === 3 && ['groups', 'targets', 'options'].includes(last!)) {
    return true;
  }
  return ['resources', 'affinity'].includes(last!);
}

function typeOf(schema: Schema): string {
  if (Array.isArray(schema.enum))
    return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(' \\| ');
  const type = schema.type;
  return Array.isArray(type) ? type.join(' \\| ') : typeof type === 'string' ? type : '';
}

function at(values: unknown, path: string[]): unknown {
  let v = values;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Markdown table cell text: `|` would end the cell and `<name>` would vanish as an HTML tag. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');
}

/** One row per key of the chart's values: type, default (from values.yaml) and description (from the schema). */
export function helmValuesTable(reg: Registry = registry, root: string = projectRoot()): string {
  const defaults: unknown = parse(readFileSync(join(root, CHART_DIR, 'values.yaml'), 'utf8'));
  const rows: string[] = ['| key | type | default | description |', '|---|---|---|---|'];
  const visit = (schema: Schema, path: string[]) => {
    const props = schema.properties;
    if (path.length > 0 && (!props || summarised(path))) {
      // values.yaml's value, else the config's own default (what the worker uses when the key is absent).
      const value = at(defaults, path) ?? schema.default;
      const shown = value === undefined ? '' : `\`${cell(JSON.stringify(value))}\``;
      const description = typeof schema.description === 'string' ? schema.description : '';
      rows.push(`| \`${path.join('.')}\` | ${typeOf(schema)} | ${shown} | ${cell(description)} |`);
      return;
    }
    for (const [key, child] of Object.entries(props ?? {})) {
      if (path.length === 0 && key === 'global') continue;
      visit(child, [...path, key]);
    }
  };
  visit(helmValuesSchema(reg), []);
  return rows.join('\n');
}

if (require.main === module) {
  const path = join(projectRoot(), HELM_SCHEMA_FILE);
  writeFileSync(path, renderHelmSchema());
  process.stderr.write(`Helm values schema written to ${path}\n`);
}
