/**
 * The Temporal connection's variables: Temporal's standard names, the project's older names as
 * aliases (never in disagreement), and the standard names this project cannot honour refused rather
 * than ignored.
 */
import { ConfigError, parseConfig } from '../../src/config';
import { registry } from '../support/deployment';

const load = (env: NodeJS.ProcessEnv) => parseConfig({}, { env, registry, source: 'collectors.yaml' });

test('the standard TLS names set the connection', () => {
  const config = load({
    TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
    TEMPORAL_NAMESPACE: 'ns.acct',
    TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/pki/ca.pem',
    TEMPORAL_TLS_CLIENT_CERT_PATH: '/pki/client.pem',
    TEMPORAL_TLS_CLIENT_KEY_PATH: '/pki/client.key',
    TEMPORAL_TLS_SERVER_NAME: 'ns.acct.tmprl.cloud',
  });
  expect(config.temporal).toEqual({
    address: 'ns.acct.tmprl.cloud:7233',
    namespace: 'ns.acct',
    taskQueue: 'local-collectors',
    // On because a client certificate is set.
    tls: {
      enabled: true,
      serverName: 'ns.acct.tmprl.cloud',
      serverRootCaFile: '/pki/ca.pem',
      clientCertFile: '/pki/client.pem',
      clientKeyFile: '/pki/client.key',
    },
  });
});

test('the older names still work', () => {
  const config = load({
    TEMPORAL_TLS_CA: '/pki/ca.pem',
    TEMPORAL_TLS_CERT: '/pki/client.pem',
    TEMPORAL_TLS_KEY: '/pki/client.key',
  });
  expect(config.temporal.tls).toMatchObject({
    serverRootCaFile: '/pki/ca.pem',
    clientCertFile: '/pki/client.pem',
    clientKeyFile: '/pki/client.key',
  });
});

test('a standard name and its older name may agree, never disagree', () => {
  expect(
    load({ TEMPORAL_TLS_CA: '/a.pem', TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/a.pem' }).temporal.tls,
  ).toMatchObject({ serverRootCaFile: '/a.pem' });
  expect(() => load({ TEMPORAL_TLS_CA: '/a.pem', TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/b.pem' })).toThrow(
    new ConfigError([
      {
        source: 'env TEMPORAL_TLS_SERVER_CA_CERT_PATH',
        path: 'temporal.tls.serverRootCaFile',
        message: 'disagrees with TEMPORAL_TLS_CA (its older name): unset TEMPORAL_TLS_CA',
      },
    ]),
  );
});

test('an invalid value names the variable that set it, older names included', () => {
  expect(() => load({ TEMPORAL_ADDRESS: 'no-port', TEMPORAL_TLS_CERT: '/c.pem' })).toThrow(ConfigError);
  try {
    load({ TEMPORAL_ADDRESS: 'no-port', TEMPORAL_TLS_CERT: '/c.pem' });
  } catch (err) {
    expect((err as ConfigError).issues).toEqual([
      {
        source: 'env TEMPORAL_ADDRESS',
        path: 'temporal.address',
        message: expect.stringContaining('host:port'),
      },
      {
        source: 'collectors.yaml',
        path: 'temporal.tls.clientKeyFile',
        message: 'required when clientCertFile is set',
      },
    ]);
  }
});

test('standard variables this project does not read are refused, with what to do', () => {
  expect(() => load({ TEMPORAL_TLS_CLIENT_KEY_DATA: '-----BEGIN PRIVATE KEY-----' })).toThrow(
    'env TEMPORAL_TLS_CLIENT_KEY_DATA: not supported: write the PEM to a file and set TEMPORAL_TLS_CLIENT_KEY_PATH',
  );
});
