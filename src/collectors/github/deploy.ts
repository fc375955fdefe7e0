/** What deploying the GitHub collector needs: its secrets and an example config section. */
import type { DeployDeclaration } from '../types';
import { APP_KEY_SECRET } from './client/app-auth';
import { TOKEN_SECRET } from './client/create';

export const githubDeploy: DeployDeclaration = {
  secrets: [
    { name: TOKEN_SECRET, env: 'GITHUB_TOKEN', description: 'GitHub token with read access to the repos.' },
    {
      name: APP_KEY_SECRET,
      env: 'GITHUB_APP_PRIVATE_KEY',
      description: 'Private key (PEM) of the GitHub App, only when `collectors.github.options.app` is set.',
    },
  ],
  // GitHub is outside AWS: reading the secrets above is all the role needs.
  iamStatements: [],
  exampleSection: {
    schedule: '*/15 * * * *',
    targets: { repos: ['octo-org/api'], orgs: [{ name: 'octo-org', exclude: ['archive-*'] }] },
    groups: { ci: { timeout: '8m', retry: { maximumAttempts: 5, initialInterval: '2s' } } },
  },
};
