/**
 * The layer order of the README's layout: an import in src/ never reaches a later layer, and src/
 * never reaches scripts/, bench/ or test/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SRC = resolve(__dirname, '..', 'src');

/** Bottom to top; a top-level entry of src/ (a folder, or a file without its `.ts`). */
const LAYERS: readonly (readonly string[])[] = [
  ['errors', 'util', 'time', 'fakes'],
  ['log', 'secrets'],
  ['catalog'],
  ['collectors'],
  ['config'],
  ['datadog'],
  ['workflows'],
  ['engine'],
  ['activities'],
  ['temporal'],
  ['sandbox', 'doctor', 'docs'],
  ['cli'],
];

function layerOf(entry: string): number {
  const i = LAYERS.findIndex((names) => names.includes(entry));
  if (i < 0) throw new Error(`src/${entry} has no layer: add it to the README's layout and to this test`);
  return i;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** `cli` for src/cli/x.ts and for src/cli.ts. */
const topEntry = (file: string) => relative(SRC, file).split(sep)[0]!.replace(/\.ts$/, '');

test('no import in src/ runs up the layers or out of src/', () => {
  const upward: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = topEntry(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']*)'/g)) {
      const target = resolve(dirname(file), spec!);
      if (!target.startsWith(SRC + sep)) {
        upward.push(`${relative(SRC, file)} → ${spec} (outside src/)`);
        continue;
      }
      const to = topEntry(target);
      if (to !== from && layerOf(to) > layerOf(from)) upward.push(`${relative(SRC, file)} → ${spec}`);
    }
  }
  expect(upward).toEqual([]);
});
