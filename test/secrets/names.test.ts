import { ENGINE_SECRETS, derivedEnvName, secretVariables } from '../../src/secrets/names';

describe('secretVariables', () => {
  const variableOf = secretVariables([
    { name: 'github/dashboard-token', env: 'GITHUB_TOKEN', description: 'GitHub token.' },
  ]);

  it.each([
    // The engine's own, always known.
    ['datadog/api-key', 'DD_API_KEY'],
    ['datadog/app-key', 'DD_APP_KEY'],
    // Declared by a collector.
    ['github/dashboard-token', 'GITHUB_TOKEN'],
    // Neither: derived from the name.
    ['skypilot/research-key', 'SKYPILOT_RESEARCH_KEY'],
    ['temporal/api-key', 'TEMPORAL_API_KEY'],
  ])('%s → %s', (name, env) => {
    expect(variableOf(name)).toBe(env);
  });

  it('derives a secret the declaration does not name, even one a collector of another build declares', () => {
    expect(secretVariables([])('github/dashboard-token')).toBe('GITHUB_DASHBOARD_TOKEN');
  });

  it('lists only the Datadog keys as the engine’s own', () => {
    expect(ENGINE_SECRETS.map((s) => s.name)).toEqual(['datadog/api-key', 'datadog/app-key']);
  });
});

describe('derivedEnvName', () => {
  it('upper-cases the name and turns / and - into _', () => {
    expect(derivedEnvName('foo/bar-baz')).toBe('FOO_BAR_BAZ');
  });

  it.each(['GitHub/token', 'token', 'a//b', 'a/b c', '/a'])('refuses the malformed name %j', (name) => {
    expect(() => derivedEnvName(name)).toThrow(
      `"${name}" is not a secret name: use <service>/<name> in lower case, e.g. github/dashboard-token`,
    );
  });
});
