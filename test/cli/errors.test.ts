import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli';

test('an unknown collector is a usage error naming the implemented ones', async () => {
  const r = await cli(['collect', 'jira', '--json']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('arguments: collectors.jira: unknown collector (implemented: synthetic)');
});

test('a planned but unimplemented collector says so', async () => {
  const r = await cli(['collect', 'wandb']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('collectors.wandb: not implemented yet (implemented: synthetic)');
});

test('a time without a zone is refused with the accepted forms', async () => {
  const r = await cli(['collect', 'synthetic', '--as-of', '2026-01-01T00:00:00', '--json']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: --as-of: .*zone/m);
});

test('an unknown group is refused with the collector’s groups', async () => {
  const r = await cli(['collect', 'synthetic', '--group', 'omega']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('--group omega: not a group of synthetic (groups: alpha, beta, gamma, delta)');
});

test('a bad config file reports every problem at once and exits 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collectors-cfg-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(
    file,
    [
      'cycle: { batchSize: -1 }',
      'collectors:',
      '  synthetic:',
      '    schedule: every 15 minutes',
      '    targets: { count: 1 }',
      '  jira: {}',
    ].join('\n'),
  );
  const r = await cli(['collect', 'synthetic', '--config', file]);
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines[0]).toBe('invalid configuration:');
  expect(lines.filter((l) => l.startsWith(`${file}: `))).toHaveLength(3);
  expect(r.stderr).toContain(`${file}: cycle.batchSize:`);
  expect(r.stderr).toContain(`${file}: collectors.synthetic.schedule:`);
  expect(r.stderr).toContain(`${file}: collectors.jira: unknown collector`);
});

test('the worker needs a config file', async () => {
  const r = await cli(['worker'], { env: { COLLECTORS_CONFIG: '' } });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/collectors\.yaml: no such file/);
});

test('the worker without a Datadog key exits 2 unless --dry-run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collectors-cfg-'));
  const file = join(dir, 'ok.yaml');
  writeFileSync(file, 'collectors:\n  synthetic:\n    targets: { count: 1 }\n');
  const r = await cli(['worker', '--config', file], { env: { DD_API_KEY: '' } });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('no Datadog API key: set DD_API_KEY');
  expect(r.stderr).toContain('--dry-run');
});

test('--help works for the program and every command', async () => {
  for (const args of [['--help'], ['list', '--help'], ['collect', '--help'], ['worker', '--help']]) {
    const r = await cli(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: collectors/);
  }
});

test('an unknown command is a usage error', async () => {
  const r = await cli(['frobnicate']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("unknown command 'frobnicate'");
});
