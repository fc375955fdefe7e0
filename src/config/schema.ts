/**
 * The config file's shape, written once: validation, defaults, descriptions and the JSON Schema all
 * come from here. Unknown keys are errors everywhere (a typo must not silently fall back to a default).
 * Longer than most files on purpose: it is declarations only, and one file shows the whole config.
 */
import { z } from 'zod';
import type { GroupDef } from '../catalog/model';
import type { Collector, Registry } from '../collectors/types';
import { parseDuration } from '../time/duration';
import { datadogSite, duration, httpUrl, nonEmpty, schedule, tagValue, versionValue } from './fields';
import { datadogResourcesSchema } from './datadog-resources';
import { targetTagsField, userTags } from './tags';
import { DATADOG_SITES } from './sites';

export { DATADOG_SITES } from './sites';

const deployment = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
    'must be 1-40 lower-case letters, digits or dashes, starting and ending with a letter or digit',
  )
  .default('local')
  .describe(
    'Name of this deployment: prefixes schedule ids (<deployment>-collector-<name>) and the task queue, so ' +
      'several deployments can share a Temporal namespace. Env: COLLECTORS_DEPLOYMENT.',
  );

const tls = z
  .strictObject({
    enabled: z
      .boolean()
      .optional()
      .describe(
        'Connect with TLS. Default: on when an API key (TEMPORAL_API_KEY or a profile’s) or a client certificate is set. Env: TEMPORAL_TLS.',
      ),
    serverName: nonEmpty()
      .optional()
      .describe(
        'Server name to verify, when it differs from the address host. Env: TEMPORAL_TLS_SERVER_NAME.',
      ),
    serverRootCaFile: nonEmpty()
      .optional()
      .describe(
        'PEM file of the CA that signed the server certificate (default: system CAs). Env: TEMPORAL_TLS_SERVER_CA_CERT_PATH.',
      ),
    clientCertFile: nonEmpty()
      .optional()
      .describe('PEM client certificate for mTLS; needs clientKeyFile. Env: TEMPORAL_TLS_CLIENT_CERT_PATH.'),
    clientKeyFile: nonEmpty()
      .optional()
      .describe('PEM private key of clientCertFile. Env: TEMPORAL_TLS_CLIENT_KEY_PATH.'),
  })
  .superRefine((t, ctx) => {
    if (t.clientCertFile && !t.clientKeyFile) {
      ctx.addIssue({
        code: 'custom',
        path: ['clientKeyFile'],
        message: 'required when clientCertFile is set',
      });
    }
    if (t.clientKeyFile && !t.clientCertFile) {
      ctx.addIssue({
        code: 'custom',
        path: ['clientCertFile'],
        message: 'required when clientKeyFile is set',
      });
    }
  })
  .describe('TLS to the Temporal frontend (Temporal Cloud, self-hosted with mTLS).');

/** A Temporal frontend address: `host:port`, an IPv6 host in brackets. */
export const HOST_PORT = /^(?:\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):\d{1,5}$/;

const temporal = z
  .strictObject({
    address: z
      .string()
      .regex(HOST_PORT, 'must be host:port, e.g. localhost:7233')
      .default('localhost:7233')
      .describe('Temporal frontend host:port. Env: TEMPORAL_ADDRESS.'),
    namespace: nonEmpty().default('default').describe('Temporal namespace. Env: TEMPORAL_NAMESPACE.'),
    taskQueue: nonEmpty()
      .optional()
      .describe('Task queue the workers poll. Default: <deployment>-collectors. Env: TEMPORAL_TASK_QUEUE.'),
    tls: tls.optional(),
  })
  .describe(
    'Connection to Temporal. The API key is a secret: set it in env TEMPORAL_API_KEY or in a Temporal profile (TEMPORAL_PROFILE), never here.',
  );

const historicalIngestionFields = {
  enabled: z
    .boolean()
    .describe(
      "Whether Datadog's Historical Metrics Ingestion is enabled for these metrics. Without it Datadog drops " +
        'points older than one hour, so backfills are refused and submission gives up at asOf + 55 min.',
    ),
  retryFor: duration(1_000).describe(
    'With historical ingestion: how long after a run starts submission keeps retrying (e.g. 1h, 6h).',
  ),
};

const historicalIngestion = z
  .strictObject({
    enabled: historicalIngestionFields.enabled.default(false),
    retryFor: historicalIngestionFields.retryFor.default('1h'),
  })
  .describe('Default Historical Metrics Ingestion settings of every collector.');

const datadog = (registry: Registry) =>
  z
    .strictObject({
      site: datadogSite()
        .default('datadoghq.com')
        .describe(
          `Datadog site of the organisation: ${DATADOG_SITES.join(', ')}, or another site of those domains ` +
            '(<name>.datadoghq.com, <name>.datadoghq.eu, <name>.ddog-gov.com). Points go to https://api.<site>. Env: DD_SITE.',
        ),
      url: httpUrl()
        .optional()
        .describe(
          'Base URL of the Datadog API, overriding the site (proxies, tests). Default: https://api.<site>. Env: DD_URL.',
        ),
      env: tagValue()
        .default('dev')
        .describe('Value of the env tag on every point (e.g. prod, staging). Env: DD_ENV.'),
      service: tagValue()
        .default('datadog-collectors')
        .describe('Value of the service tag on every point. Env: DD_SERVICE.'),
      version: versionValue()
        .optional()
        .describe(
          "Value of the version tag on every point (unified service tagging). Default: the project's version (with the Helm chart: image.tag, else the chart's appVersion). " +
            'Each new value starts new series in Datadog. Env: DD_VERSION.',
        ),
      tags: userTags([...registry.values()].map((c) => c.catalog))
        .default([])
        .describe(
          'More tags on every point, health included: key:value, as the Datadog Agent takes them (e.g. ' +
            '[team:platform, cost-center:42]). A key the points already carry (collector, env, service, version, ' +
            'a catalog tag) is refused. Env: DD_TAGS, separated by spaces or commas.',
        ),
      historicalIngestion: historicalIngestion.prefault({}),
      resources: datadogResourcesSchema(registry).prefault({}),
    })
    .describe(
      'Where points go and how they are tagged. The API and application keys are secrets (datadog/api-key, datadog/app-key).',
    );

const secrets = z
  .strictObject({
    backend: z
      .enum(['env', 'aws'])
      .default('env')
      .describe(
        'Where secrets come from: env (environment variables only) or aws (AWS Secrets Manager, falling back ' +
          'to the environment variable when a secret does not exist). Env: SECRETS_BACKEND.',
      ),
    region: z
      .string()
      .regex(/^[a-z]{2}(?:-[a-z]+)+-\d+$/, 'must be an AWS region such as us-east-1')
      .optional()
      .describe('AWS region of Secrets Manager; required when backend is aws. Env: AWS_REGION.'),
    endpoint: httpUrl()
      .optional()
      .describe(
        'Secrets Manager endpoint override (VPC endpoints, emulators). Env: AWS_ENDPOINT_URL_SECRETS_MANAGER.',
      ),
    ttl: duration()
      .default('5m')
      .describe('How long a secret value is cached before it is read again (0s: every time).'),
  })
  .superRefine((s, ctx) => {
    if (s.backend === 'aws' && !s.region) {
      ctx.addIssue({
        code: 'custom',
        path: ['region'],
        message: 'required when backend is aws: set secrets.region or env AWS_REGION',
      });
    }
  })
  .describe('Secret resolution (API keys and tokens).');

const cycle = z
  .strictObject({
    batchSize: z
      .number()
      .int()
      .min(1)
      .max(500)
      .default(50)
      .describe('Units (group × target) per batch of a collection cycle.'),
    concurrentBatches: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(8)
      .describe(
        'Batches of a cycle that run at the same time. A batch waits for its slowest unit: more at once keep a cycle of hundreds of targets moving.',
      ),
    replicaWait: duration(1_000)
      .default('15s')
      .describe(
        "How long a unit routed to the replica that keeps its target's reads waits for it before any replica takes it.",
      ),
  })
  .describe('How a collection cycle fans out its units.');

const port = (what: string, fallback: number, env: string) =>
  z.number().int().min(0).max(65535).default(fallback).describe(`${what} (0: off). Env: ${env}.`);

const worker = z
  .strictObject({
    healthPort: port(
      'Port of /healthz (the process is alive) and /readyz (connected to Temporal and polling)',
      8080,
      'COLLECTORS_HEALTH_PORT',
    ),
    metricsPort: port(
      "Port of the Temporal runtime's Prometheus /metrics endpoint",
      9464,
      'COLLECTORS_METRICS_PORT',
    ),
  })
  .describe('The worker process: health endpoints and metrics.');

/** Datadog drops points over an hour old without historical ingestion: a later catch-up is pointless. */
export const MAX_CATCHUP_WINDOW_WITHOUT_HMI = '45m';

function retry(group: GroupDef) {
  return z
    .strictObject({
      maximumAttempts: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe('Attempts of one unit, the first included (1: no retry).'),
      initialInterval: duration(1).optional().describe('Delay before the first retry.'),
      maximumInterval: duration(1).optional().describe('Longest delay between retries.'),
      backoffCoefficient: z
        .number()
        .min(1)
        .optional()
        .describe('Factor by which each delay grows (at least 1).'),
    })
    .superRefine((r, ctx) => {
      // Compared after merging with the catalog's defaults, as Temporal will see them.
      const initial = r.initialInterval ?? group.retry?.initialInterval;
      const maximum = r.maximumInterval ?? group.retry?.maximumInterval;
      if (initial && maximum && safeMs(maximum) < safeMs(initial)) {
        ctx.addIssue({
          code: 'custom',
          path: [r.maximumInterval ? 'maximumInterval' : 'initialInterval'],
          message: `maximumInterval (${maximum}) must not be shorter than initialInterval (${initial})`,
        });
      }
    })
    .describe('Retry policy of one unit; unset fields keep the catalog default.');
}

function safeMs(text: string): number {
  try {
    return parseDuration(text);
  } catch {
    return NaN;
  }
}

function groupSection(group: GroupDef) {
  return z
    .strictObject({
      enabled: z.boolean().default(true).describe('Collect this group.'),
      timeout: duration(1_000)
        .optional()
        .describe(`Timeout of one attempt of one unit. Default: ${group.timeout}.`),
      retry: retry(group).optional(),
    })
    .describe(group.description);
}

/** `collectors.<name>`: the engine's part; `targets` and `options` are the collector's (settingsSchema). */
export function collectorSection(collector: Collector) {
  const groups = Object.fromEntries(
    collector.catalog.groups.map((g) => [g.name, groupSection(g).optional()]),
  );
  return z
    .strictObject({
      enabled: z.boolean().default(true).describe('Schedule and run this collector.'),
      schedule: schedule()
        .optional()
        .describe(
          `Cron expression (UTC; 5 fields, 6 with a year, 7 with seconds first and a year last) or an interval ` +
            `such as 15m. Default: ${collector.defaultSchedule}.`,
        ),
      historicalIngestion: z
        .strictObject({
          enabled: historicalIngestionFields.enabled.optional(),
          retryFor: historicalIngestionFields.retryFor.optional(),
        })
        .optional()
        .describe('Overrides datadog.historicalIngestion for this collector.'),
      catchupWindow: duration(10_000)
        .optional()
        .describe(
          'How late a missed slot (worker or Temporal down) may still run. Default and maximum 45m; longer ' +
            'only with historical ingestion enabled for this collector.',
        ),
      groups: z.strictObject(groups).optional().describe('Per metric group: enable, timeout, retry.'),
      targets: z.unknown().optional().describe('What to collect from (collector-specific).'),
      targetTags: targetTagsField(collector).optional(),
      options: z.unknown().optional().describe('Collector-specific options.'),
    })
    .describe(collector.description);
}

/** The whole file, for the collectors of `registry`. */
export function configFileSchema(registry: Registry) {
  const collectors = Object.fromEntries(
    [...registry.values()].map((c) => [c.name, collectorSection(c).optional()]),
  );
  return z
    .strictObject({
      deployment,
      temporal: temporal.prefault({}),
      datadog: datadog(registry).prefault({}),
      secrets: secrets.prefault({}),
      cycle: cycle.prefault({}),
      worker: worker.prefault({}),
      collectors: z
        .strictObject(collectors)
        .optional()
        .describe('Collectors to run, by name. Only implemented collectors may appear.'),
    })
    .superRefine((file, ctx) => {
      const maxMs = parseDuration(MAX_CATCHUP_WINDOW_WITHOUT_HMI);
      for (const [name, section] of Object.entries(file.collectors ?? {})) {
        const window = (section as { catchupWindow?: string } | undefined)?.catchupWindow;
        const hmi =
          (section as { historicalIngestion?: { enabled?: boolean } } | undefined)?.historicalIngestion
            ?.enabled ?? file.datadog.historicalIngestion.enabled;
        if (window && !hmi && safeMs(window) > maxMs) {
          ctx.addIssue({
            code: 'custom',
            path: ['collectors', name, 'catchupWindow'],
            message:
              `at most ${MAX_CATCHUP_WINDOW_WITHOUT_HMI} without historical ingestion (Datadog drops older points): ` +
              'shorten it, or enable historicalIngestion for this collector',
          });
        }
      }
    })
    .describe('datadog-collectors configuration');
}

export type ConfigFile = z.output<ReturnType<typeof configFileSchema>>;
export type CollectorSection = z.output<ReturnType<typeof collectorSection>>;
