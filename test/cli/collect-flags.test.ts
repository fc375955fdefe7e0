/**
 * `collectors collect <collector>`: the flags each collector declares are the command's own (help,
 * typos), and before any unit runs the command stops once, with exit 2, when there is nothing to
 * collect or a secret the settings need is missing — alike for every registered collector.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from '../../src/cli';
import { registry } from '../../src/collectors/registry';
import { startFakeGitHub, type FakeGitHub } from '../../src/fakes/github';
import { generateDataset, startFakeSkyPilot } from '../../src/fakes/skypilot';
import { cli } from '../support/cli';
import { TOKEN } from '../collectors/github/context';
import { fixture } from '../collectors/github/fixture';
import { T } from '../collectors/skypilot/fixture';

function configFile(lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'collectors-flags-')), 'collectors.yaml');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const errorLines = (stderr: string) => stderr.split('\n').filter(Boolean);

describe('each collector’s flags are declared to the command', () => {
  test('every registered collector that takes flags declares them, and the program builds with them', () => {
    for (const c of registry.values()) {
      expect([c.name, !!c.settingsFromFlags]).toEqual([c.name, (c.flags?.length ?? 0) > 0]);
      for (const f of c.flags ?? []) expect(f.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
    // Commander refuses a flag that clashes with an option of the command (`--config`, `--group`…).
    expect(() =>
      buildProgram({
        stdout: process.stdout,
        stderr: process.stderr,
        env: {},
        registry,
        fetch,
        now: () => new Date(),
      }),
    ).not.toThrow();
  });

  test.each([...registry.values()].map((c) => [c.name, c] as const))(
    'collect %s --help lists its flags with their descriptions',
    async (name, collector) => {
      const r = await cli(['collect', name, '--help'], { registry });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: collectors collect ${name} \\[options\\]`));
      for (const f of collector.flags ?? []) {
        // Commander wraps long descriptions: compare with whitespace collapsed.
        expect(r.stdout.replace(/\s+/g, ' ')).toContain(`--${f.name} <${f.value}> ${f.description}`);
      }
    },
  );

  test('github --help names --repo and --org', async () => {
    const r = await cli(['collect', 'github', '--help'], { registry });
    expect(r.stdout).toMatch(
      /^github flags:\n {2}--repo <owner\/name> +collect this repository \(repeatable\)$/m,
    );
    expect(r.stdout).toMatch(/^ {2}--org <login> +collect every non-archived repository/m);
  });

  test('a mistyped flag is refused by commander, by name, before the config is read', async () => {
    const r = await cli(['collect', 'github', '--rpo', 'acme/widgets'], { registry });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: unknown option '--rpo'\n(Did you mean --repo?)\n");
  });

  test('a flag of another collector is refused too', async () => {
    const r = await cli(['collect', 'github', '--server', 'lab'], { registry });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown option '--server'");
  });

  test('an option before the collector’s name is pointed out', async () => {
    const r = await cli(['collect', '--json', 'github'], { registry });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      'error: the collector comes first: collectors collect <collector> --json …',
    ]);
  });

  test('a flag that is not repeatable is refused the second time', async () => {
    const r = await cli(['collect', 'skypilot', '--server', 'a', '--server', 'b'], { registry });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "error: option '--server <name>' argument 'b' is invalid. given more than once",
    );
  });
});

describe('nothing to collect is one error and exit 2', () => {
  test.each([...registry.keys()])('%s without a config section or a target flag', async (name) => {
    const collector = registry.get(name)!;
    const r = await cli(['collect', name], { registry });
    expect(r.code).toBe(2);
    const flags = (collector.flags ?? []).filter((f) => f.setsTargets).map((f) => `--${f.name} <${f.value}>`);
    expect(errorLines(r.stderr)).toEqual([
      `error: ${name}: nothing to collect: no config file was read and no flag names a target. Fix: ` +
        (flags.length
          ? `pass ${flags.join(' or ')}, or configure collectors.${name}.targets`
          : `configure collectors.${name}.targets in a config file (--config)`),
    ]);
  });

  test('a config file without the section says which file', async () => {
    const file = configFile(['collectors:', '  github:', '    targets: { repos: [acme/widgets] }']);
    const r = await cli(['collect', 'skypilot', '--config', file], { registry });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      `error: skypilot: nothing to collect: ${file} has no collectors.skypilot section and no flag names a target. ` +
        'Fix: pass --server <name>, or configure collectors.skypilot.targets',
    ]);
  });
});

test('flags that name no target are refused, with a config section too: they would replace its targets', async () => {
  const file = configFile([
    'collectors:',
    '  skypilot:',
    '    targets: [{ name: prod, url: "http://127.0.0.1:9" }]',
  ]);
  const r = await cli(['collect', 'skypilot', '--config', file, '--url', 'http://127.0.0.1:8'], { registry });
  expect(r.code).toBe(2);
  expect(errorLines(r.stderr)).toEqual([
    'error: skypilot: --url without a target: pass --server <name> too (collector flags replace the configured targets)',
  ]);
});

describe('a missing secret is one error and exit 2, before any request', () => {
  let gh: FakeGitHub;
  beforeAll(async () => {
    gh = await startFakeGitHub({ dataset: fixture, token: TOKEN });
  });
  afterAll(() => gh.close());

  test('github without a token: once, not once per unit', async () => {
    const file = configFile([
      'collectors:',
      '  github:',
      '    targets: { repos: [acme/empty] }',
      `    options: { apiUrl: "${gh.url}" }`,
    ]);
    const before = gh.requests.length;
    // 2 repos × 5 groups: 10 units, which used to print the same error 10 times (and exit 1).
    const r = await cli(
      ['collect', 'github', '--config', file, '--repo', 'acme/widgets', '--repo', 'acme/other'],
      { registry },
    );
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      'error: github: secret github/dashboard-token is not set. Fix: set GITHUB_TOKEN, or create the secret ' +
        'github/dashboard-token in AWS Secrets Manager and set SECRETS_BACKEND=aws',
    ]);
    expect(r.stdout).toBe('');
    expect(gh.requests.length).toBe(before);
  });

  test('github as an app needs the app’s key, not the token', async () => {
    const file = configFile([
      'collectors:',
      '  github:',
      '    targets: { orgs: [{ name: acme }] }',
      `    options: { apiUrl: "${gh.url}", app: { appId: 1, installationId: 2 } }`,
    ]);
    const before = gh.requests.length;
    const r = await cli(['collect', 'github', '--config', file], { registry, env: { GITHUB_TOKEN: TOKEN } });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      'error: github: secret github/app-private-key is not set. Fix: set GITHUB_APP_PRIVATE_KEY, or create the ' +
        'secret github/app-private-key in AWS Secrets Manager and set SECRETS_BACKEND=aws',
    ]);
    expect(gh.requests.length).toBe(before);
  });

  test('skypilot: a server without a URL needs the URL secret; one with a URL does not', async () => {
    const missing = await cli(['collect', 'skypilot', '--server', 'lab'], { registry });
    expect(missing.code).toBe(2);
    expect(errorLines(missing.stderr)).toEqual([
      'error: skypilot: secret skypilot/api-url is not set. Fix: set SKYPILOT_API_URL, or create the secret ' +
        'skypilot/api-url in AWS Secrets Manager and set SECRETS_BACKEND=aws',
    ]);

    const sky = await startFakeSkyPilot({ dataset: generateDataset({ jobs: 3, now: T }), now: () => T });
    try {
      const r = await cli(['collect', 'skypilot', '--server', 'lab', '--url', sky.url, '--json'], {
        registry,
        now: new Date(T * 1000),
      });
      expect(r.stderr).toContain('skypilot: 2 unit(s), 2 ok, 0 failed');
      expect(r.code).toBe(0);
    } finally {
      await sky.close();
    }
  });

  test('wandb without its API key', async () => {
    const r = await cli(['collect', 'wandb', '--project', 'acme/llm'], { registry });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      'error: wandb: secret wandb/api-key is not set. Fix: set WANDB_API_KEY, or create the secret ' +
        'wandb/api-key in AWS Secrets Manager and set SECRETS_BACKEND=aws',
    ]);
  });
});
