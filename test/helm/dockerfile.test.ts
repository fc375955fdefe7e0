/**
 * The container image can't be built here (no Docker engine), so its Dockerfile is linted with hadolint
 * and checked for what the chart relies on: tini as PID 1, a non-root numeric user, production
 * dependencies only and the prebuilt workflow bundle.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { find, podTemplate, render, ROOT, run, toolPath } from './support';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .filter((l) => l.trim() && !l.trim().startsWith('#'));
const stages = instructions
  .join('\n')
  .split(/^FROM /m)
  .slice(1);

it('passes hadolint with no findings and no ignores', async () => {
  const result = await run(toolPath('hadolint'), ['--no-color', join(ROOT, 'Dockerfile')]);
  expect({ code: result.code, findings: result.stdout + result.stderr }).toEqual({ code: 0, findings: '' });
  expect(dockerfile).not.toMatch(/hadolint ignore/);
});

it('builds on a slim glibc Node.js image of an LTS line, in two stages', () => {
  const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
  // Even majors become LTS; a pinned release (test/node-version.test.ts: that of .node-version); Alpine
  // (musl) can't load the Temporal core bridge.
  expect(image).toMatch(/^node:(\d*[02468])\.\d+\.\d+-(bookworm|trixie)-slim$/);
  expect(stages.map((s) => s.split('\n')[0])).toEqual(['${NODE_IMAGE} AS build', '${NODE_IMAGE} AS runtime']);
  expect(stages[0]).toMatch(/^RUN npm ci\b/m);
  expect(stages[0]).toMatch(/^RUN npm run build$/m);
  // `npm run build` also writes the workflow bundle the worker loads instead of bundling at start.
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  expect(pkg.scripts.build).toContain('build-workflow-bundle');
});

it('runs production dependencies under tini as a non-root user', async () => {
  const runtime = stages[1]!;
  expect(runtime).toMatch(/^RUN npm ci --omit=dev\b/m);
  expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
  expect(runtime).toMatch(/apt-get install -y --no-install-recommends 'tini=/);
  expect(runtime).toMatch(/^ENTRYPOINT \["tini", "--", "node", "bin\/collectors\.js"\]$/m);
  expect(runtime).toMatch(/^CMD \["worker"\]$/m);
  const user = /^USER (\d+):(\d+)$/m.exec(runtime);
  expect(Number(user?.[1])).toBeGreaterThan(0);
  // The chart runs the pods as that same user.
  const worker = podTemplate(find(await render(), 'Deployment'));
  expect(worker.spec.securityContext).toMatchObject({
    runAsUser: Number(user?.[1]),
    runAsGroup: Number(user?.[2]),
  });
});

it('keeps the build context small without leaving out what the build copies', () => {
  const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', '.tools', 'test']));
  const copied = instructions
    .filter((l) => l.startsWith('COPY ') && !l.includes('--from='))
    .flatMap((l) => l.split(/\s+/).slice(1, -1));
  expect([...new Set(copied)].sort()).toEqual([
    'bin',
    'package-lock.json',
    'package.json',
    'scripts',
    'src',
    'tsconfig.build.json',
    'tsconfig.json',
  ]);
  for (const path of copied) expect([path, ignored.includes(path)]).toEqual([path, false]);
});

/**
 * The packages `src/cli.ts` loads at start, following static imports (type-only and dynamic imports
 * load nothing then), with the file that first imports each.
 */
function startupPackages(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const statement = /^\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, typeOnly, specifier] of readFileSync(file, 'utf8').matchAll(statement)) {
      if (typeOnly || !specifier) continue;
      if (specifier.startsWith('.')) {
        const base = join(dirname(file), specifier);
        const resolved = [`${base}.ts`, join(base, 'index.ts'), base].find(
          (p) => existsSync(p) && p.endsWith('.ts'),
        );
        if (resolved) visit(resolved);
        continue;
      }
      const name = specifier.startsWith('@')
        ? specifier.split('/').slice(0, 2).join('/')
        : specifier.split('/')[0]!;
      if (specifier.startsWith('node:') || builtinModules.includes(name)) continue;
      if (!packages.has(name)) packages.set(name, relative(ROOT, file));
    }
  };
  visit(entry);
  return packages;
}

it('starts the CLI with production dependencies only (the image runs npm ci --omit=dev)', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const missing = [...startupPackages(join(ROOT, 'src', 'cli.ts'))]
    .filter(([name]) => !(name in pkg.dependencies))
    .map(([name, file]) => `${name} (imported by ${file})`);
  expect(missing).toEqual([]);
});
