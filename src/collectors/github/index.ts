/**
 * The GitHub collector: pull requests, commits, Actions runs and branches of repos (configured, or
 * every non-archived repo of configured orgs), plus its own rate-limit budget.
 *
 *   collectors collect github --repo octocat/hello-world
 */
import type { Collector } from '../types';
import { githubCatalog } from './catalog';
import { APP_KEY_SECRET } from './client/app-auth';
import { TOKEN_SECRET } from './client/create';
import { collectGithub } from './collect';
import { githubDeploy } from './deploy';
import { githubMonitors } from './monitors';
import { githubProbe } from './probe';
import { githubRollup } from './rollup';
import { githubSandbox } from './sandbox-fake';
import { githubFlags, githubSettingsSchema, settingsFromFlags, type GithubSettings } from './settings';
import { githubTargets } from './targets';
import { githubSkipUnits } from './budget/plan';

export const githubCollector: Collector<GithubSettings> = {
  name: 'github',
  description: 'Pull requests, commits, Actions runs and branches of GitHub repositories.',
  catalog: githubCatalog,
  defaultSchedule: '15m',
  settingsSchema: githubSettingsSchema,
  flags: githubFlags,
  settingsFromFlags,
  // The token, or with options.app the app's private key (the token is then not read).
  secrets: githubDeploy.secrets.map((s) => s.name),
  requiredSecrets: (settings) => [settings.options.app ? APP_KEY_SECRET : TOKEN_SECRET],
  targets: githubTargets,
  skipUnits: githubSkipUnits,
  // Kept reads and ETags live in the worker's memory (changes/knowledge.ts, client/caches.ts).
  routeByTarget: true,
  collect: collectGithub,
  rollup: githubRollup,
  probe: githubProbe,
  rateBudget: {
    unitsPerSecond: 30,
    note:
      'Most units cost nothing (a repo unchanged since the worker read it, 304 answers), so units start fast: ' +
      '2,500 units (500 repos) in under two minutes. What guards the token is elsewhere: the budget planner ' +
      'prices each cycle against what is left of it, and each worker paces its requests (options.requestsPerMinute, ' +
      "options.graphqlRequestsPerMinute) under GitHub's secondary limits (900 REST and 2,000 GraphQL points a minute).",
  },
  deploy: githubDeploy,
  sandbox: githubSandbox,
  monitors: githubMonitors,
};

export type { GithubSettings } from './settings';
