/** What deploying the Asana collector needs: its token and an example config section. */
import type { DeployDeclaration } from '../types';
import { TOKEN_ENV, TOKEN_SECRET } from './client';

export const asanaDeploy: DeployDeclaration = {
  secrets: [
    {
      name: TOKEN_SECRET,
      env: TOKEN_ENV,
      description:
        'Asana personal access token (or OAuth token) of a user, ideally a service account, who can see the configured projects.',
    },
  ],
  // Asana is reached over HTTPS: reading the secret above is all the role needs.
  iamStatements: [],
  exampleSection: {
    schedule: '6h',
    targets: [
      { workspace: '1209016784099267', projects: ['1210062854657778'] },
      { workspace: '1209016784099267', teams: ['1209016784100012'], exclude: ['*(archive)*'] },
    ],
    options: { priority: { field: 'Priority', high: ['High', 'P0'], medium: ['Medium'], low: ['Low'] } },
  },
};
