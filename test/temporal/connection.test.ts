import { PermanentError } from '../../src/errors';
import { connectionOptions } from '../../src/temporal/connection';

const files: Record<string, string> = { '/ca.pem': 'CA', '/client.pem': 'CERT', '/client.key': 'KEY' };
const readFile = (path: string) => {
  const content = files[path];
  if (content === undefined) throw new Error('ENOENT: no such file');
  return Buffer.from(content);
};

test('a local server: address only, no TLS', () => {
  expect(connectionOptions({ address: 'localhost:7233', namespace: 'default' }, {}, readFile)).toEqual({
    address: 'localhost:7233',
  });
});

test('an API key (Temporal Cloud) turns TLS on and is passed through', () => {
  expect(
    connectionOptions(
      { address: 'eu-west-1.aws.api.temporal.io:7233', namespace: 'ns.acct' },
      { TEMPORAL_API_KEY: 'k-123' },
      readFile,
    ),
  ).toEqual({ address: 'eu-west-1.aws.api.temporal.io:7233', tls: true, apiKey: 'k-123' });
});

test('mTLS reads the client pair and the server CA, with the SNI name', () => {
  const options = connectionOptions(
    {
      address: 'ns.acct.tmprl.cloud:7233',
      namespace: 'ns.acct',
      tls: {
        enabled: true,
        serverName: 'ns.acct.tmprl.cloud',
        serverRootCaFile: '/ca.pem',
        clientCertFile: '/client.pem',
        clientKeyFile: '/client.key',
      },
    },
    {},
    readFile,
  );
  expect(options).toEqual({
    address: 'ns.acct.tmprl.cloud:7233',
    tls: {
      serverNameOverride: 'ns.acct.tmprl.cloud',
      serverRootCACertificate: Buffer.from('CA'),
      clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') },
    },
  });
});

test('TLS enabled without files uses the system roots', () => {
  expect(
    connectionOptions({ address: 'h:7233', namespace: 'n', tls: { enabled: true } }, {}, readFile),
  ).toEqual({
    address: 'h:7233',
    tls: true,
  });
});

test('a certificate without its key is refused with the fix', () => {
  expect(() =>
    connectionOptions(
      { address: 'h:7233', namespace: 'n', tls: { clientCertFile: '/client.pem' } },
      {},
      readFile,
    ),
  ).toThrow(
    new PermanentError(
      'temporal.tls: clientCertFile and clientKeyFile go together',
      'set both (mTLS) or neither (server TLS or an API key)',
    ),
  );
});

test('an unreadable file names the setting and the path', () => {
  expect(() =>
    connectionOptions(
      { address: 'h:7233', namespace: 'n', tls: { serverRootCaFile: '/missing.pem' } },
      {},
      readFile,
    ),
  ).toThrow('temporal.tls.serverRootCaFile: cannot read /missing.pem: ENOENT: no such file');
});
