import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGENERATE_COMMAND, SCHEMA_FILE, renderConfigSchema } from '../../scripts/generate-config-schema';
import { registry } from '../../src/collectors/registry';
import { configJsonSchema } from '../../src/config';
import { projectRoot } from '../../src/util/paths';
import { testRegistry } from './test-collector';

type Schema = { [key: string]: unknown; properties?: Record<string, Schema> };

/** Every object schema below `schema`, with its dotted path. */
function objects(schema: Schema, path = ''): [string, Schema][] {
  const out: [string, Schema][] = [];
  if (schema.type === 'object') out.push([path, schema]);
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    out.push(...objects(child, path ? `${path}.${key}` : key));
  }
  const items = schema.items as Schema | undefined;
  if (items) out.push(...objects(items, `${path}[]`));
  return out;
}

describe('config JSON Schema', () => {
  const schema = configJsonSchema(testRegistry) as Schema;

  it('is draft 2020-12', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('allows no unknown keys anywhere, and describes every field', () => {
    for (const [path, object] of objects(schema)) {
      // A map by name (collectors.<name>.targetTags, by target) types its values instead.
      const map = object.properties === undefined && typeof object.additionalProperties === 'object';
      expect([path, map || object.additionalProperties]).toEqual([path, map || false]);
      for (const [key, field] of Object.entries(object.properties ?? {})) {
        expect([`${path}.${key}`, typeof field.description]).toEqual([`${path}.${key}`, 'string']);
      }
    }
  });

  it("plugs each collector's settings schema in under collectors.<name>", () => {
    const section = schema.properties!.collectors!.properties!.test!;
    expect(section.description).toBe('A collector for tests.');
    expect(Object.keys(section.properties!)).toEqual([
      'enabled',
      'schedule',
      'historicalIngestion',
      'catchupWindow',
      'groups',
      'targets',
      'targetTags',
      'options',
    ]);
    expect(section.properties!.targets).toEqual({
      description: 'What to collect from (collector-specific).',
      type: 'array',
      minItems: 1,
      items: { type: 'string', pattern: '^[a-z]+$' },
    });
    expect(section.properties!.options).toMatchObject({
      description: 'Options of the test collector.',
      properties: { window: { default: '7d', description: 'Look-back window.', type: 'string' } },
      additionalProperties: false,
    });
    expect(Object.keys(section.properties!.groups!.properties!)).toEqual(['fetch', 'summary']);
    expect(section.properties!.groups!.properties!.fetch!.properties!.timeout!.description).toBe(
      'Timeout of one attempt of one unit. Default: 2m.',
    );
  });

  it(`the committed ${SCHEMA_FILE} is up to date`, () => {
    const committed = readFileSync(join(projectRoot(), SCHEMA_FILE), 'utf8');
    const fresh = renderConfigSchema(registry);
    if (committed !== fresh) {
      throw new Error(
        `${SCHEMA_FILE} is out of date with the config schema. Regenerate it: ${REGENERATE_COMMAND}`,
      );
    }
  });
});
