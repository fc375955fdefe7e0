/** What deploying the SkyPilot collector needs: its secrets and an example config section. */
import type { DeployDeclaration } from '../types';
import { TOKEN_SECRET, URL_SECRET } from './connect';

export const skypilotDeploy: DeployDeclaration = {
  secrets: [
    {
      name: URL_SECRET,
      env: 'SKYPILOT_API_URL',
      description: 'URL of the SkyPilot API server, for a target without `url`.',
    },
    { name: TOKEN_SECRET, env: 'SKYPILOT_API_KEY', description: 'SkyPilot API server token.' },
  ],
  // The API servers are reached over HTTP: reading the secrets above is all the role needs. A target's
  // own urlSecret / tokenSecret must be added to the policy by hand (deploy/iam/README.md).
  iamStatements: [],
  exampleSection: {
    schedule: '10m',
    targets: [
      { name: 'prod', url: 'https://skypilot.example.com' },
      { name: 'research', urlSecret: 'skypilot/research-url', tokenSecret: 'skypilot/research-key' },
    ],
  },
};
