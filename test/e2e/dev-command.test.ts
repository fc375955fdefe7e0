/**
 * `collectors dev` refuses what it cannot do before starting anything: conflicting flags, a config
 * file that does not exist (never a silent fallback to the sandbox), a real run without a Datadog key
 * (as `collectors worker`), a port that is not one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dev-command-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('--sandbox and --config together are a usage error', async () => {
  const run = await cli(['dev', '--sandbox', '--config', join(dir, 'x.yaml')]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('--sandbox and --config: choose one');
});

test('a config file named but missing is an error, not the sandbox', async () => {
  const run = await cli(['dev'], { env: { COLLECTORS_CONFIG: join(dir, 'missing.yaml') } });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('no such file');
  expect(run.stdout).not.toContain('SANDBOX');
});

test('for real without a Datadog key it exits 2 before starting anything', async () => {
  const config = join(dir, 'collectors.yaml');
  writeFileSync(config, 'deployment: trial\ndatadog: { env: trial }\n');
  const run = await cli(['dev', '--config', config]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('no Datadog API key');
  expect(run.stderr).toContain('--dry-run');
  expect(run.stdout).not.toContain('starting the Temporal dev server');
});

test('ports are checked', async () => {
  const run = await cli(['dev', '--ui-port', 'http']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('--ui-port: "http" is not a port number');
});
