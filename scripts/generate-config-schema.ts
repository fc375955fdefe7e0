// Writes schema/collectors-config.schema.json from the config's zod schemas and the collectors of
// the default registry. Run: npm run build && node dist/scripts/generate-config-schema.js
// test/config/json-schema.test.ts fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registry } from '../src/collectors/registry';
import type { Registry } from '../src/collectors/types';
import { configJsonSchema } from '../src/config/json-schema';
import { prettierJson } from '../src/docs/prettier-json';
import { projectRoot } from '../src/util/paths';

export const SCHEMA_FILE = join('schema', 'collectors-config.schema.json');
export const REGENERATE_COMMAND = 'npm run build && node dist/scripts/generate-config-schema.js';

/** The file's text, formatted as `prettier --check` expects it. */
export function renderConfigSchema(reg: Registry = registry): string {
  return prettierJson(configJsonSchema(reg));
}

if (require.main === module) {
  const path = join(projectRoot(), SCHEMA_FILE);
  writeFileSync(path, renderConfigSchema());
  process.stderr.write(`config schema written to ${path}\n`);
}
