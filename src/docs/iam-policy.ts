/**
 * The workers' IAM policy (deploy/iam/collectors-policy.json): read every declared secret, plus the
 * statements collectors declare for their own AWS calls. Written by `npm run docs`.
 */
import { join } from 'node:path';
import type { IamStatementDeclaration, Registry } from '../collectors/types';
import { deploymentSecrets } from '../collectors/secrets';
import { prettierJson } from './prettier-json';

export const IAM_POLICY_FILE = join('deploy', 'iam', 'collectors-policy.json');
export const READ_SECRETS_SID = 'ReadCollectorSecrets';

/** Secrets Manager appends six random characters to a secret's ARN; `-??????` matches exactly those. */
export function secretArn(name: string): string {
  return `arn:aws:secretsmanager:<REGION>:<ACCOUNT_ID>:secret:${name}-??????`;
}

/** Every statement of the policy, the secrets one first. */
export function iamStatements(registry: Registry): IamStatementDeclaration[] {
  const readSecrets: IamStatementDeclaration = {
    sid: READ_SECRETS_SID,
    actions: ['secretsmanager:GetSecretValue'],
    resources: deploymentSecrets(registry).map((s) => secretArn(s.name)),
    why: 'The secrets of the engine (Datadog) and of each registered collector, by name.',
  };
  return [readSecrets, ...[...registry.values()].flatMap((c) => c.deploy?.iamStatements ?? [])];
}

const oneOrMany = (values: readonly string[]) => (values.length === 1 ? values[0] : values);

export function renderIamPolicy(registry: Registry): string {
  return prettierJson({
    Version: '2012-10-17',
    Statement: iamStatements(registry).map((s) => ({
      Sid: s.sid,
      Effect: 'Allow',
      Action: oneOrMany(s.actions),
      Resource: oneOrMany(s.resources),
    })),
  });
}

/** deploy/iam/README.md's table: what each statement allows, and why (secrets by name, not ARN). */
export function iamStatementsTable(registry: Registry): string {
  const code = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(', ');
  const [readSecrets, ...collectorStatements] = iamStatements(registry);
  const row = (s: IamStatementDeclaration, resources: readonly string[]) =>
    `| **${s.sid}** | ${code(s.actions)} | ${code(resources)} | ${s.why} |`;
  return [
    '| statement | actions | resources | why |',
    '|---|---|---|---|',
    row(
      readSecrets!,
      deploymentSecrets(registry).map((x) => x.name),
    ),
    ...collectorStatements.map((s) => row(s, s.resources)),
  ].join('\n');
}
