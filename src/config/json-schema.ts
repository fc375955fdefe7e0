/**
 * JSON Schema (draft 2020-12) of the config file, for editors and the Helm chart's values schema.
 * Derived from the zod schemas, with each collector's settings schema plugged in under
 * `collectors.<name>.targets` / `.options`.
 */
import { z } from 'zod';
import type { Registry } from '../collectors/types';
import { configFileSchema } from './schema';

type JsonSchema = Record<string, unknown>;

export function configJsonSchema(registry: Registry): JsonSchema {
  const root = z.toJSONSchema(configFileSchema(registry), {
    target: 'draft-2020-12',
    io: 'input',
  }) as JsonSchema;
  const sections = ((root.properties as JsonSchema).collectors as JsonSchema).properties as Record<
    string,
    JsonSchema
  >;
  for (const collector of registry.values()) {
    const settings = z.toJSONSchema(collector.settingsSchema, {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'any',
    }) as JsonSchema;
    if (settings.$defs) {
      throw new Error(`settings schema of ${collector.name} uses $defs; inline its schemas to embed it`);
    }
    const props = (settings.properties ?? {}) as Record<string, JsonSchema>;
    const section = sections[collector.name]!.properties as Record<string, JsonSchema>;
    for (const key of ['targets', 'options'] as const) {
      // Keep the engine's description when the collector gives none.
      if (props[key]) section[key] = { description: section[key]?.description, ...props[key] };
      else delete section[key];
    }
  }
  return { $schema: root.$schema, title: 'datadog-collectors configuration', ...root };
}
