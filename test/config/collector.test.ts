import type { ConfigError } from '../../src/config';
import { parseConfig, resolveCollector } from '../../src/config';
import { testRegistry } from './test-collector';

const withoutFile = parseConfig({}, { env: {}, registry: testRegistry, source: 'env' });
const withFile = parseConfig(
  { collectors: { test: { schedule: '1h', targets: ['alpha'], groups: { summary: { enabled: false } } } } },
  { env: {}, registry: testRegistry, source: 'collectors.yaml' },
);

function errorLines(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    return (e as ConfigError).message.split('\n');
  }
  throw new Error('no error was thrown');
}

describe('resolveCollector', () => {
  it('returns the section of the config', () => {
    expect(resolveCollector(withFile, testRegistry, 'test')).toBe(withFile.collectors.test);
  });

  it('without a config file, takes settings from flags and the rest from defaults', () => {
    const resolved = resolveCollector(withoutFile, testRegistry, 'test', { target: ['alpha', 'beta'] });
    expect(resolved.settings).toEqual({ targets: ['alpha', 'beta'], options: { window: '7d' } });
    expect(resolved.schedule).toEqual({ kind: 'cron', expression: '*/15 * * * *' });
    expect(resolved.groups.fetch?.timeoutMs).toBe(120_000);
    expect(resolved.enabled).toBe(true);
  });

  it('flags replace the targets of the section but keep its schedule and groups', () => {
    const resolved = resolveCollector(withFile, testRegistry, 'test', { target: ['gamma'] });
    expect(resolved.settings).toEqual({ targets: ['gamma'], options: { window: '7d' } });
    expect(resolved.schedule).toEqual({ kind: 'interval', everyMs: 3_600_000, text: '1h' });
    expect(resolved.groups.summary?.enabled).toBe(false);
  });

  it('bad flags are reported as flags', () => {
    expect(
      errorLines(() => resolveCollector(withoutFile, testRegistry, 'test', { target: ['Bad'] })),
    ).toEqual(['flags: collectors.test.targets[0]: must be lower-case letters']);
  });

  it('neither a section nor flags: says what is missing and how to fix it', () => {
    expect(errorLines(() => resolveCollector(withoutFile, testRegistry, 'test'))).toEqual([
      'env: collectors.test.targets: required',
      'env: collectors.test: has no section in the config: add one, or pass the collector its flags',
    ]);
  });

  it('unknown and not-yet-implemented collectors', () => {
    expect(errorLines(() => resolveCollector(withoutFile, testRegistry, 'asana'))).toEqual([
      'arguments: collectors.asana: not implemented yet (implemented: test)',
    ]);
    expect(errorLines(() => resolveCollector(withoutFile, testRegistry, 'jira'))).toEqual([
      'arguments: collectors.jira: unknown collector (implemented: test)',
    ]);
  });
});
