/** What deploying the W&B collector needs: its API key and an example config section. */
import type { DeployDeclaration } from '../types';
import { KEY_ENV, KEY_SECRET } from './client';

export const wandbDeploy: DeployDeclaration = {
  secrets: [
    {
      name: KEY_SECRET,
      env: KEY_ENV,
      description:
        'Weights & Biases API key of a user (or service account) who can read the configured projects.',
    },
  ],
  // W&B is reached over HTTPS: reading the secret above is all the role needs.
  iamStatements: [],
  exampleSection: {
    schedule: '30m',
    targets: [
      { entity: 'acme-ml', projects: ['llm-pretrain', 'rl-agents'] },
      { entity: 'acme-research', include: ['exp-*'], exclude: ['*-scratch'] },
    ],
    options: {
      bestMetrics: [
        { key: 'accuracy', goal: 'max' },
        { key: 'loss', goal: 'min' },
        { key: 'eval/reward', goal: 'max' },
      ],
    },
  },
};
