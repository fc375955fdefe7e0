/** User tags: datadog.tags / DD_TAGS and collectors.<name>.targetTags, and what they may not be. */
import { ConfigError, parseConfig } from '../../src/config';
import type { Collector, Registry } from '../../src/collectors/types';
import { splitTagList, tagsForTarget } from '../../src/config/tags';
import { testCollector } from './test-collector';

// The test collector with catalog tags: `repo` on every point of a target, `status` on some metrics.
const tagged: Collector = {
  ...testCollector,
  catalog: {
    ...testCollector.catalog,
    targetTags: { repo: { description: 'The repository.' } },
    tags: { status: { description: 'Outcome.', values: ['ok', 'bad'] } },
  },
};
const registry: Registry = new Map([['test', tagged]]);

const parse = (document: unknown, env: NodeJS.ProcessEnv = {}) =>
  parseConfig(document, { env, registry, source: 'c.yaml' });

function errorLines(document: unknown, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parse(document, env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message.split('\n');
    throw e;
  }
  throw new Error('no ConfigError was thrown');
}

test('datadog.tags and targetTags are read as written', () => {
  const config = parse({
    datadog: { tags: ['team:platform', 'cost-center:42', 'tier:a/b.c'] },
    collectors: { test: { targets: ['a'], targetTags: { 'acme/*': ['team:web'] } } },
  });
  expect(config.datadog.tags).toEqual(['team:platform', 'cost-center:42', 'tier:a/b.c']);
  expect(config.collectors.test?.targetTags).toEqual({ 'acme/*': ['team:web'] });
});

test('DD_TAGS replaces datadog.tags, split on spaces and commas as the Agent does', () => {
  expect(splitTagList(' team:ml,region:eu  tier:1 ,, ')).toEqual(['team:ml', 'region:eu', 'tier:1']);
  expect(
    parse({ datadog: { tags: ['team:platform'] } }, { DD_TAGS: 'team:ml region:eu' }).datadog.tags,
  ).toEqual(['team:ml', 'region:eu']);
});

test('a key the points already carry is refused, wherever it is set', () => {
  expect(
    errorLines({
      datadog: {
        tags: ['env:prod', 'version:2', 'collector:x', 'host:h', 'repo:a/b', 'status:ok', 'team:a', 'team:b'],
      },
      collectors: { test: { targets: ['a'], targetTags: { a: ['service:web', 'repo:x', 'mode:manual'] } } },
    }),
  ).toEqual([
    'c.yaml: datadog.tags[0]: the key "env" is not free: env is set by datadog.env (env DD_ENV); choose another key',
    'c.yaml: datadog.tags[1]: the key "version" is not free: version is set by datadog.version (env DD_VERSION); choose another key',
    'c.yaml: datadog.tags[2]: the key "collector" is not free: the collector tag is set by the engine; choose another key',
    'c.yaml: datadog.tags[3]: the key "host" is not free: host is reserved by Datadog; choose another key',
    'c.yaml: datadog.tags[4]: the key "repo" is a tag of the test metrics (see its catalog); choose another key',
    'c.yaml: datadog.tags[5]: the key "status" is a tag of the test metrics (see its catalog); choose another key',
    'c.yaml: datadog.tags[7]: the key "team" is set twice',
    'c.yaml: collectors.test.targetTags.a[0]: the key "service" is not free: service is set by datadog.service (env DD_SERVICE); choose another key',
    'c.yaml: collectors.test.targetTags.a[1]: the key "repo" is a tag of the test metrics (see its catalog); choose another key',
    'c.yaml: collectors.test.targetTags.a[2]: the key "mode" is not free: mode is a tag of the health metrics; choose another key',
  ]);
});

test('a tag Datadog would rewrite is refused with what to write, and DD_TAGS errors name the variable', () => {
  expect(errorLines({}, { DD_TAGS: 'team Team:ML team:a+b 9lives:x :x' })).toEqual([
    'env DD_TAGS: datadog.tags[0]: "team" is not key:value (e.g. team:platform)',
    'env DD_TAGS: datadog.tags[1]: "Team:ML" has capitals, which Datadog lower-cases: write "team:ml"',
    'env DD_TAGS: datadog.tags[2]: the value of "team:a+b" may only have letters, digits, _ - . / : (Datadog would rewrite the rest)',
    'env DD_TAGS: datadog.tags[3]: the key of "9lives:x" must start with a letter, then letters, digits, _ - . /',
    'env DD_TAGS: datadog.tags[4]: ":x" is not key:value (e.g. team:platform)',
  ]);
});

test('datadog.version and DD_VERSION must be a lower-case tag value', () => {
  expect(parse({ datadog: { version: '1.4.2' } }, { DD_VERSION: '3f9c2ab' }).datadog.version).toBe('3f9c2ab');
  expect(errorLines({ datadog: { version: 'V1.0+build' } })).toEqual([
    'c.yaml: datadog.version: must be a lower-case tag value: a letter or digit first, then letters, digits, _ - . : / (e.g. 1.4.2)',
  ]);
});

test('a target gets the tags of every entry it matches, by id or glob, case-insensitively, later entries winning', () => {
  const targetTags = {
    '*': ['team:platform', 'tier:silver'],
    'acme/web-*': ['team:web'],
    'Acme/Web-Shop': ['tier:gold'],
    'acme/?pi': ['kind:api'],
  };
  expect(tagsForTarget(targetTags, 'acme/web-shop')).toEqual({ team: 'web', tier: 'gold' });
  expect(tagsForTarget(targetTags, 'acme/api')).toEqual({ team: 'platform', tier: 'silver', kind: 'api' });
  // Glob characters only: the dot and the slash are literal.
  expect(tagsForTarget({ 'a.b/*': ['x:1'] }, 'axb/c')).toEqual({});
  expect(tagsForTarget({}, 'acme/api')).toEqual({});
});
