/** Config of the collector: defaults, validation messages, and where URL and token come from. */
import { PermanentError } from '../../../src/errors';
import { skypilotCollector } from '../../../src/collectors/skypilot';
import { connect } from '../../../src/collectors/skypilot/connect';
import { settingsSchema } from '../../../src/collectors/skypilot/settings';
import { memoryLogger } from '../../../src/log';
import { secretsStub, settingsFor } from './context';

test('defaults: 30 s per request, pages of 1000, 4 pages at once', () => {
  expect(settingsSchema.parse({ targets: [{ name: 'prod' }] }).options).toEqual({
    requestTimeout: '30s',
    pageSize: 1000,
    concurrency: 4,
  });
});

test('rejects names that are not tag values, duplicates, bad URLs and timeouts, with the field path', () => {
  const issues = (input: unknown) =>
    settingsSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  expect(issues({ targets: [{ name: 'Prod Server' }] })).toEqual([
    'targets.0.name: must be lower-case letters, digits, _ . - (it becomes a tag value)',
  ]);
  expect(issues({ targets: [{ name: 'a' }, { name: 'a' }] })).toEqual([
    'targets: server names must be unique',
  ]);
  expect(issues({ targets: [{ name: 'a', url: 'ftp://x' }] })).toEqual([
    'targets.0.url: must be an http(s) URL',
  ]);
  expect(issues({ targets: [{ name: 'a' }], options: { requestTimeout: '10m' } })).toEqual([
    'options.requestTimeout: must be between 1s and 2m',
  ]);
  expect(issues({ targets: [] })).toEqual(['targets: list at least one SkyPilot API server']);
});

test('one target per server, tagged with its name', async () => {
  const settings = settingsSchema.parse({ targets: [{ name: 'prod' }, { name: 'dev' }] });
  const targets = await skypilotCollector.targets({
    asOf: new Date(),
    settings,
    secrets: secretsStub({}),
    log: memoryLogger(),
    fetch,
    signal: new AbortController().signal,
  });
  expect(targets).toEqual([
    { id: 'prod', tags: { skypilot_server: 'prod' } },
    { id: 'dev', tags: { skypilot_server: 'dev' } },
  ]);
});

test('flags give one server without a config file', () => {
  expect(skypilotCollector.settingsFromFlags?.({ server: ['lab'], url: ['http://x:1'] })).toEqual({
    targets: [{ name: 'lab', url: 'http://x:1' }],
  });
  // No server named, no target made up: `collectors collect` says there is nothing to collect.
  expect(skypilotCollector.settingsFromFlags?.({ url: ['http://x:1'] })).toEqual({});
});

describe('where URL and token come from', () => {
  const base = { log: memoryLogger(), fetch, signal: new AbortController().signal };

  test('config url first, then the secret, then env; token from the secret, then env', async () => {
    const env = { SKYPILOT_API_URL: 'http://env:1', SKYPILOT_API_KEY: 'sky_from_env' };
    const fromConfig = await connect(
      {
        ...base,
        env,
        settings: settingsFor('http://config:1'),
        secrets: secretsStub({ 'skypilot/api-url': 'http://secret:1' }),
      },
      'prod',
    );
    expect([fromConfig.baseUrl, fromConfig.headers.authorization]).toEqual([
      'http://config:1',
      'Bearer sky_from_env',
    ]);
    const fromSecret = await connect(
      {
        ...base,
        env,
        settings: settingsFor(undefined),
        secrets: secretsStub({
          'skypilot/api-url': 'http://secret:1/',
          'skypilot/api-key': 'sky_from_secret',
        }),
      },
      'prod',
    );
    expect([fromSecret.baseUrl, fromSecret.headers.authorization]).toEqual([
      'http://secret:1',
      'Bearer sky_from_secret',
    ]);
    const fromEnv = await connect(
      { ...base, env, settings: settingsFor(undefined), secrets: secretsStub({}) },
      'prod',
    );
    expect(fromEnv.baseUrl).toBe('http://env:1');
  });

  test('per-server secret names: the secret must exist (no env fallback)', async () => {
    const settings = settingsSchema.parse({
      targets: [{ name: 'prod', url: 'http://x:1', tokenSecret: 'skypilot/prod-key' }],
    });
    const err = await connect(
      { ...base, env: { SKYPILOT_API_KEY: 'sky_from_env' }, settings, secrets: secretsStub({}) },
      'prod',
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as Error).message).toBe(
      'SkyPilot server prod: the secret skypilot/prod-key is not set. Fix: create it, or remove tokenSecret',
    );
  });
});
