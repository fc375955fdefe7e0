// Writes schema/collectors-config.schema.json from the config's zod schemas and the collectors of
// the default registry. Run: npm run build && node dist/scripts/generate-config-schema.js
// test/config/json-schema.test.ts fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registry } from '../src/collectors/registry';
import type { Registry } from '../src/collectors/types';
import { configJsonSchema } from '../src/config/json-schema';
import { projectRoot } from '../src/util/paths';

export const SCHEMA_FILE = join('schema', 'collectors-config.schema.json');
export const REGENERATE_COMMAND = 'npm run build && node dist/scripts/generate-config-schema.js';

const PRINT_WIDTH = 110; // .prettierrc.json

/**
 * The file's text, formatted as `prettier --check` expects it (prettier's API can't run under jest):
 * JSON.stringify's layout, with arrays of plain values on one line when they fit.
 */
export function renderConfigSchema(reg: Registry = registry): string {
  const text = JSON.stringify(configJsonSchema(reg), null, 2);
  const primitive = String.raw`(?:"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)`;
  const multiLineArray = new RegExp(String.raw`^( *)(.*)\[\n((?: *${primitive},?\n)+) *\](,?)$`, 'gm');
  return (
    text.replace(multiLineArray, (whole, indent: string, head: string, items: string, comma: string) => {
      const values = items
        .split('\n')
        .map((l) => l.trim().replace(/,$/, ''))
        .filter(Boolean);
      const line = `${indent}${head}[${values.join(', ')}]${comma}`;
      return line.length <= PRINT_WIDTH ? line : whole;
    }) + '\n'
  );
}

if (require.main === module) {
  const path = join(projectRoot(), SCHEMA_FILE);
  writeFileSync(path, renderConfigSchema());
  process.stderr.write(`config schema written to ${path}\n`);
}
