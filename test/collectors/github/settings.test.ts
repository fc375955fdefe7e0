import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { githubCollector } from '../../../src/collectors/github';
import { join } from 'node:path';
import { projectRoot } from '../../../src/util/paths';

const readmePath = () => join(projectRoot(), 'src', 'collectors', 'github', 'README.md');
import { configJsonSchema } from '../../../src/config/json-schema';
import { parseConfig } from '../../../src/config/load';
import { apiUrl, githubSettingsSchema } from '../../../src/collectors/github/settings';

const check = (input: unknown) => githubSettingsSchema.safeParse(input);
const issues = (input: unknown) =>
  check(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('github settings', () => {
  it('accepts repos and orgs with defaults for every option', () => {
    const result = check({ targets: { repos: ['acme/api'], orgs: [{ name: 'acme', include: ['svc-*'] }] } });
    expect(result.data).toEqual({
      targets: { repos: ['acme/api'], orgs: [{ name: 'acme', include: ['svc-*'] }] },
      options: {
        testWorkflows: [],
        benchmarkWorkflows: [],
        botLogins: [],
        requestTimeoutMs: 30_000,
        requestsPerMinute: 400,
        graphqlRequestsPerMinute: 800,
        changeDetection: true,
        planBudget: true,
        groupPriority: ['api', 'pulls', 'ci', 'commits', 'branches'],
        budgetReserve: 0.1,
      },
    });
  });

  it('needs at least one repo or org, and names each bad field', () => {
    expect(issues({ targets: {} })).toEqual(
      [': list at least one repo (repos: [owner/name]) or org (orgs: [{ name: owner }])'].map(
        (m) => `targets${m}`,
      ),
    );
    expect(issues({ targets: { repos: ['not-a-repo'] }, options: { colour: 'red' } })).toEqual([
      'targets.repos.0: must be owner/name, e.g. octocat/hello-world',
      expect.stringMatching(/^options: /),
    ]);
  });

  it('takes the API URL from the options, else GITHUB_API_URL, else api.github.com', () => {
    const s = (options: object) => check({ targets: { repos: ['a/b'] }, options }).data!;
    expect(apiUrl(s({ apiUrl: 'https://ghe.example.com/api/v3/' }), {})).toBe(
      'https://ghe.example.com/api/v3',
    );
    expect(apiUrl(s({}), { GITHUB_API_URL: 'http://127.0.0.1:9' })).toBe('http://127.0.0.1:9');
    expect(apiUrl(s({}), {})).toBe('https://api.github.com');
  });

  it('turns --repo and --org flags into targets, and no flag into no targets', () => {
    const fromFlags = (flags: Record<string, string[]>) => githubCollector.settingsFromFlags!(flags);
    expect(check(fromFlags({ repo: ['a/b', 'c/d'], org: ['acme'] })).data?.targets).toEqual({
      repos: ['a/b', 'c/d'],
      orgs: [{ name: 'acme' }],
    });
    expect(fromFlags({})).toEqual({});
  });
});

describe('the README’s configuration example', () => {
  it('is a valid collectors.github section, in the engine’s config and its JSON Schema', () => {
    const readme = readFileSync(readmePath(), 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const registry = new Map([['github', githubCollector]]);
    const config = parseConfig(parse(yaml), { env: {}, registry, source: 'file' });
    expect(config.collectors.github?.settings).toMatchObject({
      targets: { repos: ['octocat/hello-world', 'acme/api'] },
      options: { testWorkflows: ['Tests', 'e2e.yml'], botLogins: ['release-robot'] },
    });
    expect(() => configJsonSchema(registry)).not.toThrow();
  });
});
