import { KNOWN_SECRETS, secretEnvName } from '../../src/secrets/names';

describe('secretEnvName', () => {
  it.each([
    ['datadog/api-key', 'DD_API_KEY'],
    ['datadog/app-key', 'DD_APP_KEY'],
    ['github/dashboard-token', 'GITHUB_TOKEN'],
    ['skypilot/api-url', 'SKYPILOT_API_URL'],
    ['skypilot/api-key', 'SKYPILOT_API_KEY'],
    ['wandb/api-key', 'WANDB_API_KEY'],
    ['asana/access-token', 'ASANA_ACCESS_TOKEN'],
  ])('%s → %s', (name, env) => {
    expect(secretEnvName(name)).toBe(env);
  });

  it('derives the variable of other names', () => {
    expect(secretEnvName('foo/bar-baz')).toBe('FOO_BAR_BAZ');
    expect(secretEnvName('temporal/api-key')).toBe('TEMPORAL_API_KEY');
  });

  it('lists no static EC2 keys (EC2 uses the default credential chain)', () => {
    expect(Object.keys(KNOWN_SECRETS).filter((n) => n.startsWith('ec2/'))).toEqual([]);
  });

  it.each(['GitHub/token', 'token', 'a//b', 'a/b c', '/a'])('refuses the malformed name %j', (name) => {
    expect(() => secretEnvName(name)).toThrow(
      `"${name}" is not a secret name: use <service>/<name> in lower case, e.g. github/dashboard-token`,
    );
  });
});
