/**
 * --address and --namespace, as the `temporal` CLI spells them, on every command that talks to
 * Temporal; they win over TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE, the config file and a profile.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli';
import { cli } from '../support/cli';
import { registry } from '../support/deployment';
import { testAddress } from '../support/temporal';

let dir: string;
let config: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'temporal-flags-'));
  config = join(dir, 'collectors.yaml');
  // Nothing listens on port 1: a command that reaches the dev server got its address elsewhere.
  writeFileSync(
    config,
    'deployment: flags-test\ntemporal: { address: "127.0.0.1:1" }\ndatadog: { env: test }\n',
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEMPORAL_COMMANDS = [
  'worker',
  'dev',
  'schedules sync',
  'schedules list',
  'trigger',
  'pause',
  'unpause',
  'backfill',
  'doctor',
];

test('every command that talks to Temporal takes --address, --namespace and --profile', () => {
  const sink = new Writable({ write: (_c, _e, done) => done() });
  const program = buildProgram({
    stdout: sink,
    stderr: sink,
    env: {},
    registry,
    fetch,
    now: () => new Date(),
  });
  const find = (path: string): Command =>
    path.split(' ').reduce<Command>((cmd, name) => cmd.commands.find((c) => c.name() === name)!, program);
  for (const path of TEMPORAL_COMMANDS) {
    const flags = find(path).options.map((o) => o.long);
    expect({
      path,
      flags: ['--address', '--namespace', '--profile'].filter((f) => flags.includes(f)),
    }).toEqual({
      path,
      flags: ['--address', '--namespace', '--profile'],
    });
  }
});

test('--address wins over TEMPORAL_ADDRESS and the config file', async () => {
  const env = { TEMPORAL_ADDRESS: '127.0.0.1:2' };
  const run = await cli(['schedules', 'list', '--config', config, '--address', testAddress()], {
    env,
    registry,
  });
  expect(run).toMatchObject({ code: 0, stdout: 'no schedules: run `collectors schedules sync`\n' });
});

test('--address wins over a Temporal profile', async () => {
  const profiles = join(dir, 'temporal.toml');
  writeFileSync(profiles, `[profile.dev]\naddress = "${testAddress()}"\n`);
  const bare = join(dir, 'bare.yaml');
  writeFileSync(bare, 'deployment: flags-test\ndatadog: { env: test }\n');
  const env = { TEMPORAL_CONFIG_FILE: profiles, TEMPORAL_PROFILE: 'dev' };
  expect((await cli(['schedules', 'list', '--config', bare], { env, registry })).code).toBe(0);
  const run = await cli(['schedules', 'list', '--config', bare, '--address', '127.0.0.1:1'], {
    env,
    registry,
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('127.0.0.1:1');
});

test('--profile picks the profile, as TEMPORAL_PROFILE does, and wins over it', async () => {
  const profiles = join(dir, 'profiles.toml');
  writeFileSync(
    profiles,
    `[profile.dev]\naddress = "${testAddress()}"\n\n[profile.down]\naddress = "127.0.0.1:1"\n`,
  );
  const bare = join(dir, 'bare.yaml');
  writeFileSync(bare, 'deployment: flags-test\ndatadog: { env: test }\n');
  const env = { TEMPORAL_CONFIG_FILE: profiles, TEMPORAL_PROFILE: 'down' };
  const run = await cli(['schedules', 'list', '--config', bare, '--profile', 'dev'], { env, registry });
  expect(run).toMatchObject({ code: 0, stdout: 'no schedules: run `collectors schedules sync`\n' });
  const missing = await cli(['schedules', 'list', '--config', bare, '--profile', 'staging'], {
    env,
    registry,
  });
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain(`no profile "staging" in ${profiles} (profiles: dev, down)`);
});

test('--namespace reaches the server', async () => {
  const run = await cli(
    ['schedules', 'list', '--config', config, '--address', testAddress(), '--namespace', 'no-such-namespace'],
    { registry },
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/no-such-namespace/);
});

test('a malformed --address is a usage error that names the flag', async () => {
  const run = await cli(['trigger', 'synthetic', '--config', config, '--address', 'localhost'], { registry });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('--address: "localhost" must be host:port, e.g. localhost:7233');
});

test('dev: --namespace without --address is refused for the sandbox, whose own dev server has only default', async () => {
  const run = await cli(['dev', '--sandbox', '--namespace', 'elsewhere'], { registry });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('--namespace: only with --address');
  expect(run.stdout).not.toContain('starting the Temporal dev server');
});
