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
  collect: collectGithub,
  rollup: githubRollup,
  probe: githubProbe,
  rateBudget: {
    unitsPerSecond: 2,
    note:
      'A token has 5,000 REST requests and 5,000 GraphQL points an hour, and GitHub allows 100 concurrent ' +
      'requests and 900 points a minute per endpoint. A warm unit costs 0–4 rate-limited requests (a cold ' +
      'ci unit of a busy repo about 20); 2 units a second across all replicas keeps bursts under the ' +
      'secondary limits and starts a 50-repo cycle (250 units) in about two minutes.',
  },
  deploy: githubDeploy,
  sandbox: githubSandbox,
  monitors: githubMonitors,
};

export type { GithubSettings } from './settings';
