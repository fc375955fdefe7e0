/**
 * `collectors collect` runs the organization roll-ups after the units, as a cycle does
 * (docs/metrics.md#roll-ups): the dry run shows the `github.org.…` points. Values derived in
 * test/collectors/github/org.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataPoint } from '../../src/catalog/model';
import { githubCollector } from '../../src/collectors/github';
import { clearProcessCaches } from '../../src/collectors/github/client/caches';
import { startFakeGitHub, type FakeGitHub } from '../../src/fakes/github';
import { TOKEN } from '../collectors/github/context';
import { AS_OF } from '../collectors/github/fixture';
import { orgFixture } from '../collectors/github/fixture-org';
import { cli } from '../support/cli';

let gh: FakeGitHub;
let config: string;
beforeAll(async () => {
  gh = await startFakeGitHub({ dataset: orgFixture, token: TOKEN });
  config = join(mkdtempSync(join(tmpdir(), 'collectors-cli-')), 'collectors.yaml');
  writeFileSync(
    config,
    [
      'collectors:',
      '  github:',
      // Replaced by the --repo flags; the options still apply.
      '    targets: { repos: [acme/empty] }',
      '    options:',
      `      apiUrl: ${gh.url}`,
      '      botLogins: [release-robot]',
      '',
    ].join('\n'),
  );
});
afterAll(() => gh.close());
afterEach(() => clearProcessCaches());

const args = (...more: string[]) => [
  'collect',
  'github',
  '--config',
  config,
  '--repo',
  'acme/widgets',
  '--repo',
  'acme/gadgets-api',
  '--repo',
  'acme/gadgets-web',
  '--as-of',
  AS_OF.toISOString(),
  ...more,
];
const run = (more: string[]) =>
  cli(args(...more), {
    env: { GITHUB_TOKEN: TOKEN },
    registry: new Map([['github', githubCollector]]),
    now: AS_OF,
  });

test('the dry run prints the organization points beside the repositories', async () => {
  const cwd = process.cwd();
  process.chdir(mkdtempSync(join(tmpdir(), 'collectors-cli-')));
  try {
    const r = await run(['--group', 'commits']);
    expect(r.code).toBe(0);
    // Besides each repository's points, the organization's developers, each counted once: alice,
    // bob, carol, dave, erin; 12 commits over them.
    const line = (metric: string) => r.stdout.split('\n').find((l) => l.startsWith(`${metric} `));
    expect(line('github.org.developers.active_7d')).toMatch(
      /^github\.org\.developers\.active_7d +5 +collector:github,env:[a-z]+,org:acme,service:datadog-collectors,version:/,
    );
    expect(line('github.org.commits.per_developer_7d')).toMatch(
      / 2\.4 +collector:github,env:[a-z]+,org:acme,service/,
    );
  } finally {
    process.chdir(cwd);
  }
});

test('--json includes them, and a failed unit leaves out its group for its organization', async () => {
  const r = await run(['--json']);
  expect(r.code).toBe(0);
  const points = JSON.parse(r.stdout) as DataPoint[];
  const org = points.filter((p) => p.metric.startsWith('github.org.'));
  expect(org).toHaveLength(13);
  expect(org.every((p) => p.tags.includes('org:acme') && !p.tags.some((t) => t.startsWith('repo:')))).toBe(
    true,
  );
  expect(org.find((p) => p.metric === 'github.org.prs.cycle_time_hours')?.value).toBe(10);

  gh.setServerError({ status: 502, path: /\/repos\/acme\/gadgets-api\/actions\/runs/ });
  try {
    const failed = await run(['--group', 'ci', '--json']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      'roll-up ci org:acme absent: no sample of 1 of 3 targets (acme/gadgets-api)',
    );
    expect(
      (JSON.parse(failed.stdout) as DataPoint[]).filter((p) => p.metric.startsWith('github.org.')),
    ).toEqual([]);
  } finally {
    gh.setServerError(null);
  }
});
