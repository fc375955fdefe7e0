/**
 * The chart README's table of the Helm chart's values: one row per key, with its type (from the values
 * schema), its default and its description (from values.yaml and its `# --` comments). A key that
 * values.yaml leaves out (an optional config key, a collector's own section) takes the config's
 * default and the schema's description.
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

/**
 * The `# --` comment of each key of a values file, by dotted path: the last `# --` line of the
 * comments right above the key, and the comment lines after it (an indented example ends it).
 */
export function valuesComments(text: string): Map<string, string> {
  const comments = new Map<string, string>();
  const stack: { indent: number; key: string }[] = [];
  let block: string[] = [];
  for (const line of text.split('\n')) {
    const comment = /^\s*#(.*)$/.exec(line);
    if (comment) {
      block.push(comment[1]!);
      continue;
    }
    const key = /^( *)([A-Za-z][\w-]*):/.exec(line);
    if (key) {
      const indent = key[1]!.length;
      while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
      stack.push({ indent, key: key[2]! });
      const start = block.findLastIndex((c) => c.startsWith(' -- '));
      if (start >= 0) {
        const rest = block.slice(start + 1);
        const end = rest.findIndex((c) => !/^ \S/.test(c));
        const lines = [block[start]!.slice(' -- '.length), ...rest.slice(0, end < 0 ? undefined : end)];
        comments.set(stack.map((s) => s.key).join('.'), lines.map((l) => l.trim()).join(' '));
      }
    }
    block = [];
  }
  return comments;
}

/** One row per key of the chart's values: type (from the schema), default and description (from values.yaml). */
export function helmValuesTable(reg: Registry, root: string): string {
  const text = readFileSync(join(root, CHART_DIR, 'values.yaml'), 'utf8');
  const defaults: unknown = parse(text);
  const comments = valuesComments(text);
  const rows: string[] = ['| key | type | default | description |', '|---|---|---|---|'];
  const visit = (schema: Schema, path: string[]) => {
    const props = schema.properties;
    if (path.length > 0 && (!props || summarised(path))) {
      // values.yaml's value, else the config's own default (what the worker uses when the key is absent).
      const value = at(defaults, path) ?? schema.default;
      const shown = value === undefined ? '' : `\`${cell(JSON.stringify(value))}\``;
      const description =
        comments.get(path.join('.')) ?? (typeof schema.description === 'string' ? schema.description : '');
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
