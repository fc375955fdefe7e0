import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Config } from '../../src/config';
import { ConfigError, loadConfig, parseConfig } from '../../src/config';
import { testRegistry } from './test-collector';

/** Without datadog.version or DD_VERSION, points carry the project's version. */
const PACKAGE_VERSION = (
  JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }
).version;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'collectors-config-'));
}

function writeConfig(yaml: string): string {
  const path = join(tempDir(), 'collectors.yaml');
  writeFileSync(path, yaml);
  return path;
}

/** The lines of the ConfigError thrown by `fn`. */
function errorLines(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.message.split('\n');
    throw e;
  }
  throw new Error('no ConfigError was thrown');
}

const DEFAULTS: Config = {
  source: 'env',
  deployment: 'local',
  temporal: {
    address: 'localhost:7233',
    namespace: 'default',
    taskQueue: 'local-collectors',
    tls: { enabled: false },
  },
  datadog: {
    site: 'datadoghq.com',
    url: 'https://api.datadoghq.com',
    urlOverridden: false,
    env: 'dev',
    service: 'datadog-collectors',
    version: PACKAGE_VERSION,
    tags: [],
    historicalIngestion: { enabled: false, retryFor: '1h', retryForMs: 3_600_000 },
    resources: {
      enabled: false,
      dashboards: true,
      monitors: true,
      metadata: true,
      notify: [],
      errors: { threshold: 5, cycles: 3 },
      unitFailedCycles: 2,
      thresholds: {},
      disable: [],
    },
  },
  secrets: { backend: 'env', ttl: '5m', ttlMs: 300_000 },
  cycle: { batchSize: 50, concurrentBatches: 8, replicaWait: '15s', replicaWaitMs: 15_000 },
  worker: { healthPort: 8080, metricsPort: 9464 },
  collectors: {},
};

describe('loadConfig', () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  it('without a file at the default path, and not required: defaults', () => {
    process.chdir(tempDir());
    expect(loadConfig({ env: {}, registry: testRegistry, required: false })).toEqual(DEFAULTS);
  });

  it('without a file at the default path, and not required: env alone', () => {
    process.chdir(tempDir());
    const config = loadConfig({
      env: {
        DD_ENV: 'staging',
        COLLECTORS_DEPLOYMENT: 'eu',
        SECRETS_BACKEND: 'aws',
        AWS_REGION: 'eu-west-1',
      },
      registry: testRegistry,
      required: false,
    });
    expect(config.datadog.env).toBe('staging');
    expect(config.temporal.taskQueue).toBe('eu-collectors');
    expect(config.secrets).toEqual({ backend: 'aws', region: 'eu-west-1', ttl: '5m', ttlMs: 300_000 });
  });

  it('required, without a file: says which path and how to create one', () => {
    const dir = tempDir();
    process.chdir(dir);
    expect(errorLines(() => loadConfig({ env: {}, registry: testRegistry, required: true }))).toEqual([
      `./collectors.yaml: no such file (${join(dir, 'collectors.yaml')}): create it, or point --config or ` +
        'COLLECTORS_CONFIG at one; e.g. `datadog: { env: prod }` and a `collectors:` section ' +
        '(schema/collectors-config.schema.json describes every key)',
    ]);
  });

  it('a path given explicitly must exist, even when not required', () => {
    const path = join(tempDir(), 'missing.yaml');
    expect(errorLines(() => loadConfig({ path, env: {}, registry: testRegistry, required: false }))).toEqual([
      `${path}: no such file (${resolve(path)}): create it; e.g. \`datadog: { env: prod }\` and a ` +
        '`collectors:` section (schema/collectors-config.schema.json describes every key)',
    ]);
  });

  it('reads the file named by COLLECTORS_CONFIG', () => {
    const path = writeConfig('deployment: prod\n');
    const config = loadConfig({ env: { COLLECTORS_CONFIG: path }, registry: testRegistry, required: true });
    expect(config.source).toBe(path);
    expect(config.deployment).toBe('prod');
  });

  it('an empty file is all defaults', () => {
    const path = writeConfig('');
    expect(loadConfig({ path, env: {}, registry: testRegistry, required: true })).toEqual({
      ...DEFAULTS,
      source: path,
    });
  });

  it('reports the first YAML syntax error, with a hint for unquoted crons', () => {
    const path = writeConfig('collectors:\n  test:\n    schedule: */15 * * * *\n');
    expect(errorLines(() => loadConfig({ path, env: {}, registry: testRegistry, required: true }))).toEqual([
      `${path}: invalid YAML: Unexpected alias at node end at line 3, column 20 (quote values that start with *, e.g. '*/15 * * * *')`,
    ]);
  });

  it('refuses duplicate keys', () => {
    const path = writeConfig('deployment: a\ndeployment: b\n');
    expect(errorLines(() => loadConfig({ path, env: {}, registry: testRegistry, required: true }))).toEqual([
      `${path}: invalid YAML: Map keys must be unique at line 2, column 1`,
    ]);
  });

  it('reads a full file', () => {
    const path = writeConfig(`
deployment: prod
temporal:
  address: temporal.example.com:7233
  namespace: metrics
  tls: { serverRootCaFile: /etc/ca.pem, clientCertFile: /etc/c.pem, clientKeyFile: /etc/k.pem }
datadog:
  site: datadoghq.eu
  url: http://proxy:8080/
  env: prod
  service: collectors
  version: 2.3.0
  tags: [team:platform, cost-center:42]
  historicalIngestion: { enabled: true, retryFor: 6h }
  resources: { enabled: true, notify: ['@slack-ops'], errors: { cycles: 4 }, disable: ['*.invalid-points'] }
secrets: { backend: aws, region: us-east-1, endpoint: 'http://localhost:4566', ttl: 1m }
cycle: { batchSize: 100, concurrentBatches: 8, replicaWait: 30s }
worker: { healthPort: 0, metricsPort: 9100 }
collectors:
  test:
    schedule: 1h
    historicalIngestion: { retryFor: 2h }
    catchupWindow: 3h
    groups:
      fetch: { timeout: 5m, retry: { maximumAttempts: 5, maximumInterval: 1m, backoffCoefficient: 2 } }
      summary: { enabled: false }
    targets: [alpha, beta]
    targetTags: { alpha: [tier:gold], 'b*': [tier:silver, owner:data] }
    options: { window: 1d }
`);
    expect(loadConfig({ path, env: {}, registry: testRegistry, required: true })).toEqual({
      source: path,
      deployment: 'prod',
      temporal: {
        address: 'temporal.example.com:7233',
        namespace: 'metrics',
        taskQueue: 'prod-collectors',
        tls: {
          // A client certificate turns TLS on.
          enabled: true,
          serverRootCaFile: '/etc/ca.pem',
          clientCertFile: '/etc/c.pem',
          clientKeyFile: '/etc/k.pem',
        },
      },
      datadog: {
        site: 'datadoghq.eu',
        url: 'http://proxy:8080',
        urlOverridden: true,
        env: 'prod',
        service: 'collectors',
        version: '2.3.0',
        tags: ['team:platform', 'cost-center:42'],
        historicalIngestion: { enabled: true, retryFor: '6h', retryForMs: 6 * 3_600_000 },
        resources: {
          enabled: true,
          dashboards: true,
          monitors: true,
          metadata: true,
          notify: ['@slack-ops'],
          // The threshold keeps its default when only cycles is set.
          errors: { threshold: 5, cycles: 4 },
          unitFailedCycles: 2,
          thresholds: {},
          disable: ['*.invalid-points'],
        },
      },
      secrets: {
        backend: 'aws',
        region: 'us-east-1',
        endpoint: 'http://localhost:4566',
        ttl: '1m',
        ttlMs: 60_000,
      },
      cycle: { batchSize: 100, concurrentBatches: 8, replicaWait: '30s', replicaWaitMs: 30_000 },
      worker: { healthPort: 0, metricsPort: 9100 },
      collectors: {
        test: {
          name: 'test',
          enabled: true,
          schedule: { kind: 'interval', everyMs: 3_600_000, text: '1h' },
          intervalMs: 3_600_000,
          // enabled from datadog.historicalIngestion, retryFor from the collector's section
          historicalIngestion: { enabled: true, retryFor: '2h', retryForMs: 7_200_000 },
          // Longer than 45m: allowed because historical ingestion is on.
          catchupWindow: '3h',
          catchupWindowMs: 10_800_000,
          groups: {
            // catalog: timeout 2m, retry { 3 attempts, 1s, 30s } ← config
            fetch: {
              enabled: true,
              timeout: '5m',
              timeoutMs: 300_000,
              retry: {
                maximumAttempts: 5,
                initialInterval: '1s',
                initialIntervalMs: 1_000,
                maximumInterval: '1m',
                maximumIntervalMs: 60_000,
                backoffCoefficient: 2,
              },
            },
            summary: { enabled: false, timeout: '30s', timeoutMs: 30_000, retry: {} },
          },
          targetTags: { alpha: ['tier:gold'], 'b*': ['tier:silver', 'owner:data'] },
          settings: { targets: ['alpha', 'beta'], options: { window: '1d' } },
        },
      },
    });
  });
});

describe('parseConfig', () => {
  const parse = (document: unknown, env: NodeJS.ProcessEnv = {}) =>
    parseConfig(document, { env, registry: testRegistry, source: 'collectors.yaml' });

  it('a collector section gets catalog defaults and the default schedule', () => {
    const config = parse({ collectors: { test: { targets: ['a'] } } });
    expect(config.collectors.test).toEqual({
      name: 'test',
      enabled: true,
      schedule: { kind: 'cron', expression: '*/15 * * * *' },
      intervalMs: 900_000,
      historicalIngestion: { enabled: false, retryFor: '1h', retryForMs: 3_600_000 },
      catchupWindow: '45m',
      catchupWindowMs: 2_700_000,
      groups: {
        fetch: {
          enabled: true,
          timeout: '2m',
          timeoutMs: 120_000,
          retry: {
            maximumAttempts: 3,
            initialInterval: '1s',
            initialIntervalMs: 1_000,
            maximumInterval: '30s',
            maximumIntervalMs: 30_000,
          },
        },
        summary: { enabled: true, timeout: '30s', timeoutMs: 30_000, retry: {} },
      },
      targetTags: {},
      settings: { targets: ['a'], options: { window: '7d' } },
    });
  });

  it('env overrides win over the file', () => {
    const config = parse(
      {
        deployment: 'file',
        temporal: { address: 'file:7233', namespace: 'file', taskQueue: 'file-q', tls: { enabled: false } },
        datadog: { site: 'datadoghq.eu', env: 'file', service: 'file' },
        secrets: { backend: 'env', region: 'eu-west-1' },
      },
      {
        COLLECTORS_DEPLOYMENT: 'envdep',
        TEMPORAL_ADDRESS: 'env:7233',
        TEMPORAL_NAMESPACE: 'envns',
        TEMPORAL_TASK_QUEUE: 'env-q',
        TEMPORAL_TLS: 'true',
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
        DD_SITE: 'us5.datadoghq.com',
        DD_URL: 'http://127.0.0.1:9999',
        DD_ENV: 'staging',
        DD_SERVICE: 'svc',
        DD_VERSION: '3f9c2ab',
        DD_TAGS: 'team:ml, cost-center:7 ,region:eu',
        SECRETS_BACKEND: 'aws',
        AWS_REGION: 'us-west-2',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:5000',
        DD_API_KEY: 'not-config',
      },
    );
    expect(config.deployment).toBe('envdep');
    expect(config.temporal).toEqual({
      address: 'env:7233',
      namespace: 'envns',
      taskQueue: 'env-q',
      tls: { enabled: true, serverName: 'temporal.internal' },
    });
    expect(config.datadog).toMatchObject({
      site: 'us5.datadoghq.com',
      url: 'http://127.0.0.1:9999',
      env: 'staging',
      service: 'svc',
      version: '3f9c2ab',
      // Separated by spaces, commas or both, as the Datadog Agent reads DD_TAGS.
      tags: ['team:ml', 'cost-center:7', 'region:eu'],
    });
    expect(config.secrets).toEqual({
      backend: 'aws',
      region: 'us-west-2',
      endpoint: 'http://127.0.0.1:5000',
      ttl: '5m',
      ttlMs: 300_000,
    });
  });

  it('empty env values count as unset', () => {
    expect(parse({ datadog: { env: 'prod' } }, { DD_ENV: '' }).datadog.env).toBe('prod');
  });

  it('TLS turns on by itself when TEMPORAL_API_KEY is set, unless the file says otherwise', () => {
    expect(parse({}, { TEMPORAL_API_KEY: 'k' }).temporal.tls.enabled).toBe(true);
    expect(
      parse({ temporal: { tls: { enabled: false } } }, { TEMPORAL_API_KEY: 'k' }).temporal.tls.enabled,
    ).toBe(false);
  });

  it('reports every bad field at once, each with its path and reason', () => {
    const lines = errorLines(() =>
      parse({
        deployment: 'Prod!',
        datadog: { env: '', historicalIngestion: { retryFor: 5 } },
        secrets: { backend: 'aws', ttl: '5 minutes' },
        cycle: { batchSize: -5, batchsize: 3, concurrentBatches: 2.5 },
        collectors: {
          test: {
            schedule: 'every 15 minutes',
            groups: { fetch: { timeout: '5 minutes', retry: { maximumInterval: '500ms' } }, nope: {} },
            targets: ['OK', 3],
            options: { windw: '1d' },
          },
          wandb: {},
          foo: {},
        },
      }),
    );
    expect(lines).toEqual([
      'collectors.yaml: deployment: must be 1-40 lower-case letters, digits or dashes, starting and ending with a letter or digit',
      'collectors.yaml: datadog.env: must not be empty',
      'collectors.yaml: datadog.historicalIngestion.retryFor: expected a duration such as 30s, 15m or 1h30m, got 5',
      'collectors.yaml: secrets.ttl: "5 minutes" is not a duration: use whole numbers with the units w, d, h, m, s, ms, largest first (e.g. 250ms, 30s, 15m, 1h30m, 2d, 1w)',
      'collectors.yaml: secrets.region: required when backend is aws: set secrets.region or env AWS_REGION',
      'collectors.yaml: cycle.batchSize: must be at least 1 (got -5)',
      'collectors.yaml: cycle.concurrentBatches: expected a whole number, got 2.5',
      'collectors.yaml: cycle.batchsize: unknown key (expected one of: batchSize, concurrentBatches, replicaWait)',
      'collectors.yaml: collectors.test.schedule: "every 15 minutes" is neither a cron expression (5–7 fields) nor an interval such as 30s or 15m',
      'collectors.yaml: collectors.test.groups.fetch.timeout: "5 minutes" is not a duration: use whole numbers with the units w, d, h, m, s, ms, largest first (e.g. 250ms, 30s, 15m, 1h30m, 2d, 1w)',
      'collectors.yaml: collectors.test.groups.fetch.retry.maximumInterval: maximumInterval (500ms) must not be shorter than initialInterval (1s)',
      'collectors.yaml: collectors.test.groups.nope: unknown group of test (expected one of: fetch, summary)',
      'collectors.yaml: collectors.wandb: not implemented yet (implemented: test)',
      'collectors.yaml: collectors.foo: unknown collector (implemented: test)',
      'collectors.yaml: collectors.test.targets[0]: must be lower-case letters',
      'collectors.yaml: collectors.test.targets[1]: expected a string, got 3',
      'collectors.yaml: collectors.test.options.windw: unknown key (expected one of: window)',
    ]);
  });

  it('errors of env values name the variable', () => {
    expect(
      errorLines(() =>
        parse(
          {},
          { DD_SITE: 'datadog.com', TEMPORAL_TLS: 'maybe', DD_URL: 'proxy:8080', SECRETS_BACKEND: 'vault' },
        ),
      ),
    ).toEqual([
      'env TEMPORAL_TLS: temporal.tls.enabled: expected true or false, got "maybe"',
      'env DD_SITE: datadog.site: must be a Datadog site: datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, uk1.datadoghq.com, ddog-gov.com, us2.ddog-gov.com, or another <name>.datadoghq.com, <name>.datadoghq.eu or <name>.ddog-gov.com (got "datadog.com"); a proxy or another endpoint goes in datadog.url',
      'env DD_URL: datadog.url: must be an http:// or https:// URL',
      'env SECRETS_BACKEND: secrets.backend: must be one of env, aws (got "vault")',
    ]);
  });

  it('backend aws from env without a region names both ways to set it', () => {
    expect(
      errorLines(() =>
        parseConfig({}, { env: { SECRETS_BACKEND: 'aws' }, registry: testRegistry, source: 'env' }),
      ),
    ).toEqual(['env: secrets.region: required when backend is aws: set secrets.region or env AWS_REGION']);
  });

  it('refuses secrets in the file and says where they belong', () => {
    expect(
      errorLines(() => parse({ temporal: { apiKey: 'x' }, datadog: { apiKey: 'y', appKey: 'z' } })),
    ).toEqual([
      'collectors.yaml: temporal.apiKey: secrets do not belong in the config file: use env TEMPORAL_API_KEY',
      'collectors.yaml: datadog.apiKey: secrets do not belong in the config file: use env DD_API_KEY or the secret datadog/api-key',
      'collectors.yaml: datadog.appKey: secrets do not belong in the config file: use env DD_APP_KEY or the secret datadog/app-key',
    ]);
  });

  it('a client certificate needs its key', () => {
    expect(errorLines(() => parse({ temporal: { tls: { clientCertFile: 'c.pem' } } }))).toEqual([
      'collectors.yaml: temporal.tls.clientKeyFile: required when clientCertFile is set',
    ]);
  });

  it('the top level must be a mapping', () => {
    expect(errorLines(() => parse(['a']))).toEqual([
      'collectors.yaml: the file must be a mapping of keys to values at the top level',
    ]);
  });

  it('ConfigError carries the issues as data', () => {
    try {
      parse({ cycle: { batchSize: 0 } });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect((e as ConfigError).issues).toEqual([
        { source: 'collectors.yaml', path: 'cycle.batchSize', message: 'must be at least 1 (got 0)' },
      ]);
    }
  });
});

describe('schedule and worker settings', () => {
  const parse = (document: unknown, env: NodeJS.ProcessEnv = {}) =>
    parseConfig(document, { env, registry: testRegistry, source: 'c.yaml' });

  it('refuses a catch-up window over 45m without historical ingestion', () => {
    expect(
      errorLines(() => parse({ collectors: { test: { targets: ['a'], catchupWindow: '2h' } } })),
    ).toEqual([
      'c.yaml: collectors.test.catchupWindow: at most 45m without historical ingestion (Datadog drops older points): ' +
        'shorten it, or enable historicalIngestion for this collector',
    ]);
  });

  it('takes the worker ports from the environment, and names the variable when one is wrong', () => {
    expect(parse({}, { COLLECTORS_HEALTH_PORT: '9000' }).worker).toEqual({
      healthPort: 9000,
      metricsPort: 9464,
    });
    const lines = errorLines(() => parse({}, { COLLECTORS_METRICS_PORT: 'ninety' }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^env COLLECTORS_METRICS_PORT: worker\.metricsPort: /);
  });
});
