/**
 * Temporal's environment configuration: a TOML profile file and TEMPORAL_* variables resolve to the
 * connection, in the documented order (flags > env > collectors.yaml > profile > defaults), without
 * a server; then one command connects to the dev server through a profile alone.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseConfig } from '../../src/config';
import { connectionOptions } from '../../src/temporal/connection';
import { cli } from '../support/cli';
import { registry } from '../support/deployment';
import { testAddress } from '../support/temporal';

let dir: string;
let toml: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'temporal-profile-'));
  for (const [name, text] of [
    ['ca.pem', 'CA'],
    ['client.pem', 'CERT'],
    ['client.key', 'KEY'],
  ] as const) {
    writeFileSync(join(dir, name), text);
  }
  toml = join(dir, 'temporal.toml');
  writeFileSync(
    toml,
    [
      '[profile.default]',
      'address = "localhost:7233"',
      'namespace = "dev"',
      '',
      '[profile.cloud]',
      'address = "ns.acct.tmprl.cloud:7233"',
      'namespace = "ns.acct"',
      'api_key = "key-from-profile"',
      '',
      '[profile.mtls]',
      'address = "temporal.internal:7233"',
      'namespace = "collectors"',
      '[profile.mtls.tls]',
      'server_name = "temporal.internal"',
      `server_ca_cert_path = "${join(dir, 'ca.pem')}"`,
      `client_cert_path = "${join(dir, 'client.pem')}"`,
      `client_key_path = "${join(dir, 'client.key')}"`,
      '',
      '[profile.inline]',
      'address = "h:7233"',
      '[profile.inline.tls]',
      'client_key_data = "-----BEGIN PRIVATE KEY-----"',
      '',
      '[profile.broken]',
      'address = "no-port"',
    ].join('\n'),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const load = (env: NodeJS.ProcessEnv, document: unknown = {}) =>
  parseConfig(document, { env, registry, source: 'collectors.yaml' });

const issuesOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  throw new Error('no ConfigError');
};

test('a named profile gives the address, namespace and API key; TLS follows the key', () => {
  const env = { TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'cloud' };
  const config = load(env);
  expect(config.temporal).toEqual({
    address: 'ns.acct.tmprl.cloud:7233',
    namespace: 'ns.acct',
    taskQueue: 'local-collectors',
    tls: { enabled: true },
    profile: { file: toml, name: 'cloud' },
  });
  // The key never enters the Config; the connection reads it from the profile.
  expect(JSON.stringify(config)).not.toContain('key-from-profile');
  expect(connectionOptions(config.temporal, env)).toEqual({
    address: 'ns.acct.tmprl.cloud:7233',
    tls: true,
    apiKey: 'key-from-profile',
  });
});

test('a profile with mTLS files: the connection reads them', () => {
  const env = { TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'mtls' };
  const config = load(env);
  expect(config.temporal.tls).toEqual({
    enabled: true,
    serverName: 'temporal.internal',
    serverRootCaFile: join(dir, 'ca.pem'),
    clientCertFile: join(dir, 'client.pem'),
    clientKeyFile: join(dir, 'client.key'),
  });
  expect(connectionOptions(config.temporal, env)).toEqual({
    address: 'temporal.internal:7233',
    tls: {
      serverNameOverride: 'temporal.internal',
      serverRootCACertificate: Buffer.from('CA'),
      clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') },
    },
  });
});

test("without TEMPORAL_PROFILE the file's default profile; without TEMPORAL_CONFIG_FILE Temporal's default path", () => {
  const home = join(dir, 'home');
  mkdirSync(join(home, '.config', 'temporalio'), { recursive: true });
  writeFileSync(
    join(home, '.config', 'temporalio', 'temporal.toml'),
    '[profile.default]\naddress = "from-home:7233"\n',
  );
  expect(load({ TEMPORAL_CONFIG_FILE: toml }).temporal).toMatchObject({
    address: 'localhost:7233',
    namespace: 'dev',
  });
  expect(load({ HOME: home }).temporal.address).toBe('from-home:7233');
  // XDG_CONFIG_HOME, when set, is where the default file is looked for.
  expect(load({ HOME: join(dir, 'nowhere'), XDG_CONFIG_HOME: join(home, '.config') }).temporal.address).toBe(
    'from-home:7233',
  );
  // No profile file at all: the built-in defaults.
  expect(load({ HOME: join(dir, 'nowhere') }).temporal).toMatchObject({
    address: 'localhost:7233',
    namespace: 'default',
  });
  expect(load({ HOME: join(dir, 'nowhere') }).temporal.profile).toBeUndefined();
});

test('env overrides the profile field by field, as for the temporal CLI', () => {
  const env = { TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'cloud', TEMPORAL_NAMESPACE: 'other.acct' };
  expect(load(env).temporal).toMatchObject({ address: 'ns.acct.tmprl.cloud:7233', namespace: 'other.acct' });
  const withKey = { ...env, TEMPORAL_API_KEY: 'key-from-env' };
  expect(connectionOptions(load(withKey).temporal, withKey)).toMatchObject({ apiKey: 'key-from-env' });
});

test('collectors.yaml wins over the profile; a file that names its address takes nothing from a profile', () => {
  const env = { TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'cloud' };
  // No address in the file: the profile's, with the file's namespace.
  expect(load(env, { temporal: { namespace: 'mine' } }).temporal).toMatchObject({
    address: 'ns.acct.tmprl.cloud:7233',
    namespace: 'mine',
    profile: { name: 'cloud' },
  });
  // The file's own server: the profile's key and TLS are not sent there.
  const own = load(env, { temporal: { address: 'temporal.example.com:7233' } });
  expect(own.temporal).toEqual({
    address: 'temporal.example.com:7233',
    namespace: 'default',
    taskQueue: 'local-collectors',
    tls: { enabled: false },
  });
  expect(connectionOptions(own.temporal, env)).toEqual({ address: 'temporal.example.com:7233' });
});

test('a profile or file named but missing, a bad value in a profile, inline PEM: errors that say where', () => {
  expect(issuesOf(() => load({ TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'staging' }))).toEqual([
    {
      source: 'env TEMPORAL_PROFILE',
      path: '',
      message: `no profile "staging" in ${toml} (profiles: default, cloud, mtls, inline, broken)`,
    },
  ]);
  expect(issuesOf(() => load({ TEMPORAL_CONFIG_FILE: join(dir, 'missing.toml') }))).toEqual([
    { source: 'env TEMPORAL_CONFIG_FILE', path: '', message: `no such file: ${join(dir, 'missing.toml')}` },
  ]);
  expect(issuesOf(() => load({ TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'broken' }))).toEqual([
    {
      source: `${toml} profile "broken"`,
      path: 'temporal.address',
      message: expect.stringContaining('must be host:port'),
    },
  ]);
  expect(issuesOf(() => load({ TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'inline' }))).toEqual([
    {
      source: `${toml} profile "inline"`,
      path: 'tls.client_key_data',
      message: 'inline PEM is not supported: write it to a file and set tls.client_key_path',
    },
  ]);
  // A profile asked for by name with no file to hold it.
  expect(issuesOf(() => load({ HOME: join(dir, 'nowhere'), TEMPORAL_PROFILE: 'cloud' }))).toEqual([
    {
      source: 'env TEMPORAL_PROFILE',
      path: '',
      message: expect.stringContaining(
        `profile "cloud" asked for, but there is no profile file at ${join(dir, 'nowhere', '.config', 'temporalio', 'temporal.toml')}`,
      ),
    },
  ]);
  const bad = join(dir, 'bad.toml');
  writeFileSync(bad, '[profile.default\naddress = 1');
  expect(issuesOf(() => load({ TEMPORAL_CONFIG_FILE: bad }))).toEqual([
    { source: bad, path: '', message: expect.stringContaining('not a valid Temporal profile file') },
  ]);
});

test('a command connects to the dev server through a profile', async () => {
  const profiles = join(dir, 'dev.toml');
  writeFileSync(profiles, `[profile.dev]\naddress = "${testAddress()}"\nnamespace = "default"\n`);
  const config = join(dir, 'collectors.yaml');
  // No temporal section: the connection is the profile's.
  writeFileSync(config, 'deployment: profile-test\ndatadog: { env: test }\n');
  const env = { TEMPORAL_CONFIG_FILE: profiles, TEMPORAL_PROFILE: 'dev' };
  const listed = await cli(['schedules', 'list', '--config', config], { env, registry });
  expect(listed).toMatchObject({ code: 0, stdout: 'no schedules: run `collectors schedules sync`\n' });
  // doctor says where the connection came from (its other checks fail here: no Datadog key).
  const doctor = await cli(['doctor', '--config', config, '--timeout', '5s'], { env, registry });
  expect(doctor.stdout).toContain(
    `ok    temporal: ${testAddress()}, namespace default (Temporal profile "dev" of ${profiles})`,
  );
});
