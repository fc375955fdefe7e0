/**
 * What the CLI loads: `--help` and `--version` load neither the Datadog API client (over 7,000
 * modules, about 2 s) nor Temporal's worker, client or workflow code, nor a collector's AWS service
 * client, and a dry run of `collect` loads none of them either. Checked by the modules loaded, not
 * by timing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataPoint } from '../../src/catalog/model';
import { startFakeGitHub } from '../../src/fakes/github';
import { TOKEN } from '../collectors/github/context';
import { AS_OF, fixture } from '../collectors/github/fixture';

const ROOT = join(__dirname, '..', '..');
const HEAVY = [
  '@datadog/datadog-api-client',
  '@temporalio/worker',
  '@temporalio/client',
  '@temporalio/workflow',
];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  modules: string[];
}

/** bin/collectors.js on the TypeScript sources (test/cli/record-modules.js), with the modules it loaded. */
function collectors(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const record = join(mkdtempSync(join(tmpdir(), 'collectors-startup-')), 'modules.txt');
  const child = spawn(
    process.execPath,
    ['-r', './test/cli/record-modules.js', 'bin/collectors.js', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, COLLECTORS_CONFIG: '', RECORD_MODULES: record, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, modules: readFileSync(record, 'utf8').split('\n') }),
    );
  });
}

/**
 * The heavy packages among `modules`; an AWS SDK service client counts too (client-ec2 alone takes
 * about 0.4 s and 90 MB): a collector loads its client when it runs, not when the CLI starts. Only
 * Secrets Manager's is loaded up front, by src/secrets.
 */
const heavyIn = (modules: string[]) => [
  ...HEAVY.filter((pkg) => modules.some((m) => m.includes(`/node_modules/${pkg}/`))),
  ...new Set(
    modules
      .map((m) => /\/node_modules\/(@aws-sdk\/client-[^/]+)\//.exec(m)?.[1])
      .filter((pkg) => pkg !== undefined && pkg !== '@aws-sdk/client-secrets-manager'),
  ),
];

test.each([['--help'], ['--version']])(
  'collectors %s loads no Datadog client, no Temporal, no AWS service client',
  async (flag) => {
    const r = await collectors([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(flag === '--help' ? /^Usage: collectors/ : /^\d+\.\d+\.\d+\n$/);
    // The recording works: the CLI itself and commander were loaded.
    expect(r.modules).toContain(join(ROOT, 'src', 'cli.ts'));
    expect(r.modules.some((m) => m.includes('/node_modules/commander/'))).toBe(true);
    expect(heavyIn(r.modules)).toEqual([]);
  },
);

test('a dry run of collect loads no Datadog client, no Temporal, no AWS service client', async () => {
  const gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
  try {
    const r = await collectors(
      ['collect', 'github', '--repo', 'acme/widgets', '--as-of', AS_OF.toISOString(), '--json'],
      { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: gh.url },
    );
    // A past --as-of is a backfill: only the 3 groups with backfillable metrics run.
    expect(r.stderr).toContain('github: 3 unit(s), 3 ok, 0 failed');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as DataPoint[]).length).toBeGreaterThan(0);
    expect(heavyIn(r.modules)).toEqual([]);
  } finally {
    await gh.close();
  }
});
