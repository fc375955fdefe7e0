/**
 * The `collectors.github` section: `targets` (repos and/or orgs) and `options`. Issue paths are
 * relative to the section, so config errors read `collectors.github.targets.repos[0]`.
 */
import { z } from 'zod';
import type { CollectorFlag, CollectorSettingsInput } from '../types';

export const DEFAULT_API_URL = 'https://api.github.com';

/** The groups, in the default order of the rate budget (budget/plan.ts): the cheap and most read first. */
const GROUPS = ['api', 'pulls', 'ci', 'commits', 'branches'] as const;

const REPO = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;
const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;

const repoName = z.string().regex(REPO, 'must be owner/name, e.g. octocat/hello-world');
const patterns = z.array(z.string().min(1)).describe('Globs on the repo name (`*`, `?`), case-insensitive.');

const org = z.strictObject({
  name: z.string().regex(OWNER, 'must be an organization or user login'),
  include: patterns.optional().describe('Only repos matching one of these (default: all).'),
  exclude: patterns.optional().describe('Leave out repos matching any of these.'),
});

const targets = z
  .strictObject({
    repos: z.array(repoName).optional().describe('Repositories, `owner/name`.'),
    orgs: z
      .array(org)
      .optional()
      .describe('Organizations (or users) whose non-archived repos are collected.'),
  })
  .refine((t) => (t.repos?.length ?? 0) + (t.orgs?.length ?? 0) > 0, {
    message: 'list at least one repo (repos: [owner/name]) or org (orgs: [{ name: owner }])',
  })
  .describe('What to collect: repos and/or all non-archived repos of orgs.');

const workflows = z
  .array(z.string().min(1))
  .default([])
  .describe('Workflows by name (as in `name:`) or file name (`ci.yml`), case-insensitive.');

/** A positive whole number, or a string matching `pattern` (YAML may quote the number). */
const idOf = (pattern: RegExp, message: string) =>
  z.union(
    [
      z.number({ error: message }).int({ error: message }).positive({ error: message }),
      z.string({ error: message }).regex(pattern, { error: message }),
    ],
    { error: message },
  );

const app = z
  .strictObject({
    appId: idOf(
      /^(?:[1-9]\d*|Iv[0-9A-Za-z.]+)$/,
      'must be the App ID (a number) or the Client ID (Iv…) of the GitHub App',
    ).describe("The GitHub App's App ID (its settings page, About), or its Client ID."),
    installationId: idOf(/^[1-9]\d*$/, 'must be the installation id, a positive whole number').describe(
      'The id of its installation on the organization: the number at the end of the installation’s ' +
        'settings URL (…/settings/installations/<id>).',
    ),
  })
  .describe(
    'Authenticate as this GitHub App installation instead of with a token. Its private key is the ' +
      'secret github/app-private-key (env GITHUB_APP_PRIVATE_KEY, PEM); the token is then not read.',
  );

const options = z
  .strictObject({
    apiUrl: z
      .url()
      .optional()
      .describe(`GitHub API base URL. Default: env GITHUB_API_URL, else ${DEFAULT_API_URL}.`),
    testWorkflows: workflows.describe('Workflows whose latest run on the default branch must pass.'),
    benchmarkWorkflows: workflows.describe('Benchmark workflows, judged like testWorkflows.'),
    botLogins: z
      .array(z.string().min(1))
      .default([])
      .describe('Logins treated as bots besides `*[bot]` and Bot accounts (e.g. a CI machine user).'),
    requestTimeoutMs: z.number().int().positive().default(30_000).describe('Timeout of one HTTP request.'),
    requestsPerMinute: z
      .number()
      .int()
      .positive()
      .default(400)
      .describe(
        'REST requests a minute each worker sends to GitHub (bursts of ten seconds’ worth go at once). GitHub allows ' +
          'about 900 REST requests a minute per token: keep replicas × this under it.',
      ),
    graphqlRequestsPerMinute: z
      .number()
      .int()
      .positive()
      .default(800)
      .describe(
        'GraphQL requests a minute each worker sends to GitHub, paced apart from REST. GitHub allows 2,000 GraphQL ' +
          'requests a minute per token: keep replicas × this under it.',
      ),
    changeDetection: z
      .boolean()
      .default(true)
      .describe(
        'Read what changed in every repo once per cycle (about 2 GraphQL points per 100 repos) and recompute ' +
          'the pulls, commits and branches of unchanged repos from what the worker read before, instead of ' +
          'reading them again. false: every unit reads its repo.',
      ),
    planBudget: z
      .boolean()
      .default(true)
      .describe(
        'Price each cycle against what is left of the token and leave out what it cannot cover (see groupPriority). ' +
          'false: every unit runs, and a spent token fails units (rate limited) until it refills.',
      ),
    groupPriority: z
      .array(z.enum(GROUPS))
      .default([...GROUPS])
      .refine((g) => new Set(g).size === g.length, 'list each group once')
      .describe(
        'When the token cannot cover a whole cycle, the groups that get its share first; units left out are ' +
          'reported as skipped (collector.github.group.skipped). Groups not listed come last.',
      ),
    budgetReserve: z
      .number()
      .min(0)
      .max(0.5)
      .default(0.1)
      .describe('Share of the token’s hourly limit the collector leaves for the token’s other uses.'),
    app: app.optional(),
  })
  .prefault({})
  .describe('How to collect.');

export const githubSettingsSchema = z.strictObject({ targets, options });

export type GithubSettings = z.output<typeof githubSettingsSchema>;
export type GithubOrgTarget = z.output<typeof org>;
export type GithubAppSettings = z.output<typeof app>;

/** The base URL: the configured one, else `GITHUB_API_URL`, else api.github.com; no trailing slash. */
export function apiUrl(settings: GithubSettings, env: NodeJS.ProcessEnv = process.env): string {
  return (settings.options.apiUrl ?? (env.GITHUB_API_URL || DEFAULT_API_URL)).replace(/\/+$/, '');
}

/** `collectors collect github --repo a/b --org c`: the flags replace the configured targets. */
export const githubFlags: readonly CollectorFlag[] = [
  {
    name: 'repo',
    value: 'owner/name',
    description: 'collect this repository',
    repeatable: true,
    setsTargets: true,
  },
  {
    name: 'org',
    value: 'login',
    description: 'collect every non-archived repository of this organization or user',
    repeatable: true,
    setsTargets: true,
  },
];

export function settingsFromFlags(flags: Readonly<Record<string, string[]>>): CollectorSettingsInput {
  const { repo, org: orgs } = flags;
  if (!repo && !orgs) return {};
  return {
    targets: {
      ...(repo ? { repos: repo } : {}),
      ...(orgs ? { orgs: orgs.map((name) => ({ name })) } : {}),
    },
  };
}
