/**
 * deploy/iam: the role's policy grants exactly the documented read-only calls and the secrets the engine
 * and the registered collectors declare; its trust policy admits only the ServiceAccount the chart creates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registry } from '../../src/collectors/registry';
import { deploymentSecrets } from '../../src/collectors/secrets';
import { find, NAMESPACE, render, ROOT } from './support';

interface Statement {
  readonly Sid: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Principal?: { readonly Federated: string };
  readonly Condition?: Record<string, Record<string, string>>;
}

const read = (file: string) =>
  JSON.parse(readFileSync(join(ROOT, 'deploy', 'iam', file), 'utf8')) as {
    Version: string;
    Statement: Statement[];
  };
const list = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);
const policy = read('collectors-policy.json');
const trust = read('irsa-trust-policy.json');
const readme = readFileSync(join(ROOT, 'deploy', 'iam', 'README.md'), 'utf8');

it('reads exactly the named secrets, matching only their six random ARN characters', () => {
  const [secrets] = policy.Statement.filter((s) =>
    list(s.Action).some((a) => a.startsWith('secretsmanager:')),
  );
  expect(list(secrets?.Action)).toEqual(['secretsmanager:GetSecretValue']);
  expect(list(secrets?.Resource).sort()).toEqual(
    deploymentSecrets(registry)
      .map((s) => `arn:aws:secretsmanager:<REGION>:<ACCOUNT_ID>:secret:${s.name}-??????`)
      .sort(),
  );
});

it('allows only read calls, each explained in the README', () => {
  expect(policy.Version).toBe('2012-10-17');
  const actions = policy.Statement.flatMap((s) => list(s.Action));
  expect(policy.Statement.every((s) => s.Effect === 'Allow')).toBe(true);
  for (const action of actions) {
    // Read-only verbs only: Get, Describe, List; and sts:AssumeRole of named roles (other accounts' read roles).
    if (action !== 'sts:AssumeRole') expect(action).toMatch(/^[a-z0-9-]+:(Get|Describe|List)[A-Za-z]*$/);
    expect([action, readme.includes(`\`${action}\``)]).toEqual([action, true]);
  }
  for (const statement of policy.Statement)
    expect([statement.Sid, readme.includes(statement.Sid)]).toEqual([statement.Sid, true]);
  for (const statement of policy.Statement.filter((s) => list(s.Action).includes('sts:AssumeRole'))) {
    expect(list(statement.Action)).toEqual(['sts:AssumeRole']);
    for (const arn of list(statement.Resource)) expect(arn).toMatch(/^arn:aws:iam::[^:*]+:role\/[^*]+$/);
  }
});

it("trusts only the chart's ServiceAccount, with StringEquals on :sub and :aud", async () => {
  const account = find(await render(), 'ServiceAccount').metadata.name;
  expect(trust.Statement).toHaveLength(1);
  const [statement] = trust.Statement;
  expect(statement).toEqual({
    Sid: expect.any(String),
    Effect: 'Allow',
    Principal: { Federated: 'arn:aws:iam::<ACCOUNT_ID>:oidc-provider/<OIDC_PROVIDER>' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: {
        '<OIDC_PROVIDER>:sub': `system:serviceaccount:${NAMESPACE}:${account}`,
        '<OIDC_PROVIDER>:aud': 'sts.amazonaws.com',
      },
    },
  });
  for (const placeholder of ['<ACCOUNT_ID>', '<REGION>', '<OIDC_PROVIDER>'])
    expect(readme).toContain(placeholder);
});
