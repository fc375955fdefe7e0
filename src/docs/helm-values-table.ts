/**
 * The README's table of the Helm chart's values: one row per key, with its type, its default (from
 * values.yaml) and its description (from the values schema).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Registry } from '../collectors/types';
import type { Schema } from './helm-schema-builders';
import { CHART_DIR, helmValuesSchema } from './helm-values-schema';

/** Objects summarised in one row: collector-specific settings and Kubernetes objects. */
function summarised(path: string[]): boolean {
  const last = path[path.length - 1];
  if (path[0] === 'collectors' && path.length === 3 && ['groups', 'targets', 'options'].includes(last!)) {
    return true;
  }
  return ['resources', 'affinity'].includes(last!);
}

function typeOf(schema: Schema): string {
  if (Array.isArray(schema.enum))
    return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(' \\| ');
  const type = schema.type;
  return Array.isArray(type) ? type.join(' \\| ') : typeof type === 'string' ? type : '';
}

function at(values: unknown, path: string[]): unknown {
  let v = values;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Markdown table cell text: `|` would end the cell and `<name>` would vanish as an HTML tag. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');
}

/** One row per key of the chart's values: type, default (from values.yaml) and description (from the schema). */
export function helmValuesTable(reg: Registry, root: string): string {
  const defaults: unknown = parse(readFileSync(join(root, CHART_DIR, 'values.yaml'), 'utf8'));
  const rows: string[] = ['| key | type | default | description |', '|---|---|---|---|'];
  const visit = (schema: Schema, path: string[]) => {
    const props = schema.properties;
    if (path.length > 0 && (!props || summarised(path))) {
      // values.yaml's value, else the config's own default (what the worker uses when the key is absent).
      const value = at(defaults, path) ?? schema.default;
      const shown = value === undefined ? '' : `\`${cell(JSON.stringify(value))}\``;
      const description = typeof schema.description === 'string' ? schema.description : '';
      rows.push(`| \`${path.join('.')}\` | ${typeOf(schema)} | ${shown} | ${cell(description)} |`);
      return;
    }
    for (const [key, child] of Object.entries(props ?? {})) {
      if (path.length === 0 && key === 'global') continue;
      visit(child, [...path, key]);
    }
  };
  visit(helmValuesSchema(reg), []);
  return rows.join('\n');
}
