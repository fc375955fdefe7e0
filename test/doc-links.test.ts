/**
 * Every relative link of the front-door docs (README.md, docs/*.md, the chart's README) points at a
 * file that exists and, with a `#fragment`, at a heading of that file, as GitHub names headings; so
 * does every `docs/<file>.md#<anchor>` that a comment of the code cites.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { projectRoot } from '../src/util/paths';

const ROOT = projectRoot();

/** GitHub's anchor of a heading: lower-case, punctuation dropped, each space a hyphen; repeats get -1, -2… */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFences(markdown).split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n ? `${slug}-${n}` : slug);
  }
  return anchors;
}

/** The text with its fenced code blocks blanked. */
function withoutFences(markdown: string): string {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return '';
      }
      return fenced ? '' : line;
    })
    .join('\n');
}

/** `[text](target)` and `![alt](target)` targets, without a title. */
export function linkTargets(markdown: string): string[] {
  // Inline code goes too: a link shown as code is not a link.
  return [
    ...withoutFences(markdown)
      .replace(/`[^`]*`/g, '')
      .matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g),
  ].map((m) => m[1]!);
}

function brokenLinks(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const broken: string[] = [];
  for (const target of linkTargets(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    const [path, fragment] = target.split('#', 2) as [string, string | undefined];
    const resolved = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
    const where = `${relative(ROOT, file)}: ${target}`;
    if (!existsSync(resolved)) {
      broken.push(`${where} (no such file)`);
      continue;
    }
    if (fragment === undefined || statSync(resolved).isDirectory()) continue;
    if (!resolved.endsWith('.md')) {
      broken.push(`${where} (an anchor into a file that is not markdown)`);
      continue;
    }
    if (!headingAnchors(readFileSync(resolved, 'utf8')).has(fragment)) {
      broken.push(`${where} (no heading with that anchor)`);
    }
  }
  return broken;
}

const docs = [
  join(ROOT, 'README.md'),
  join(ROOT, 'helm', 'datadog-collectors', 'README.md'),
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(ROOT, 'docs', f)),
];

test.each(docs.map((f) => [relative(ROOT, f), f]))('every relative link of %s resolves', (_name, file) => {
  expect(brokenLinks(file)).toEqual([]);
});

/** Files under `dir` (recursively) whose name ends with one of `endings`. */
function filesUnder(dir: string, endings: readonly string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : filesUnder(path, endings);
    return endings.some((end) => e.name.endsWith(end)) ? [path] : [];
  });
}

test('every docs/… anchor that the code cites is a heading of that doc', () => {
  const sources = ['src', 'test', 'scripts', 'bench', 'helm'].flatMap((dir) =>
    filesUnder(join(ROOT, dir), ['.ts', '.js', '.yaml', '.tpl', '.txt', '.sh']),
  );
  const broken: string[] = [];
  for (const file of sources) {
    for (const [cite, doc, anchor] of readFileSync(file, 'utf8').matchAll(
      /\bdocs\/([a-z-]+\.md)#([a-z0-9-]+)/g,
    )) {
      const path = join(ROOT, 'docs', doc!);
      if (!existsSync(path) || !headingAnchors(readFileSync(path, 'utf8')).has(anchor!)) {
        broken.push(`${relative(ROOT, file)}: ${cite}`);
      }
    }
  }
  expect(broken).toEqual([]);
});

describe('the link checker', () => {
  it('names headings as GitHub does', () => {
    // "Absent, not zero": the comma goes, each space becomes a hyphen; the second "Values" gets -1.
    const md =
      '# Absent, not zero\n## `collectors worker` flags\n## Values\n## Values\n```\n# not a heading\n```\n';
    expect([...headingAnchors(md)]).toEqual([
      'absent-not-zero',
      'collectors-worker-flags',
      'values',
      'values-1',
    ]);
  });

  it('finds links and images outside code, with their fragments', () => {
    const md = '[a](guide/x.md#y) ![b](img.png "t") `[c](no.md)`\n```\n[d](no.md)\n```\n[e](https://x.io)';
    expect(linkTargets(md)).toEqual(['guide/x.md#y', 'img.png', 'https://x.io']);
  });
});
