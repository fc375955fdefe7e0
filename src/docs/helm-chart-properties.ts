/**
 * The keys of the Helm chart's values that only the chart has: how the worker runs on Kubernetes and
 * where its secrets come from. The rest of the values schema is the config file's (helm-values-schema.ts).
 */
import { DURATION_PATTERN } from './helm-patterns';
import { bool, int, obj, passThrough, str, stringMap, type Schema } from './helm-schema-builders';

// Kubernetes quantities as the chart reads them (the heap size is computed from the memory limit).
const MEMORY_PATTERN = '^[0-9]+(?:\\.[0-9]+)?(?:Ki|Mi|Gi|Ti|k|M|G|T)?$';
const CPU_PATTERN = '^[0-9]+(?:\\.[0-9]+)?m?$';

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
export function chartProperties(): Record<string, Schema> {
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
        autodiscovery: obj(
          "The Datadog Agent's OpenMetrics check on the metrics port, by an Autodiscovery annotation on the worker pods.",
          {
            enabled: bool(
              'Add the ad.datadoghq.com/worker.checks annotation (needs worker.metricsPort above 0).',
            ),
            namespace: str('Prefix of the metric names in Datadog.', { minLength: 1 }),
            metrics: {
              type: 'array',
              description:
                'Metrics to collect, as regular expressions; each series is a custom metric in Datadog.',
              items: { type: 'string', minLength: 1 },
              minItems: 1,
            },
          },
        ),
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
    datadogApply: obj(
      'The hook Job that runs `collectors datadog apply` after install, upgrade and rollback, with datadog.resources.enabled.',
      {
        prune: bool(
          'Pass --prune: delete the dashboards and monitors this deployment owns that are no longer generated.',
        ),
        backoffLimit: int('Retries of a failed apply before the hook (and so the helm command) fails.', 0),
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
