/**
 * One Node.js release for the image and the checkout: .node-version names it, the Dockerfile's base
 * image pins it, and scripts/install-tools.sh installs it into .tools/node when the machine's Node.js
 * is older than package.json's engines (and always for CI), so the suite runs on what production runs.
 * engines, @types/node, the README and the CLI's own check state the oldest Node.js the code supports.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/util/paths';

const ROOT = projectRoot();
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(read('package-lock.json')) as {
  packages: Record<string, { version?: string; engines?: Record<string, string> }>;
};
const version = read('.node-version').trim();
/**
 * The oldest Node.js the engines accept, "x.y": the build loads the ES-module-only @octokit packages
 * with require(), which Node.js 22 does without a flag from 22.12 on, and from 22.13 on without
 * printing an ExperimentalWarning amid the JSON logs.
 */
const minimum = /^>=(\d+\.\d+)$/.exec(pkg.engines.node)?.[1] ?? '';
const [minMajor, minMinor] = minimum.split('.').map(Number) as [number, number];
/** A release just before the minimum, and one of the major before it. */
const justOlder = minMinor > 0 ? `${minMajor}.${minMinor - 1}.9` : `${minMajor - 1}.99.0`;
const muchOlder = `${minMajor - 2}.20.2`;

test('.node-version names one release of an LTS line the engines accept', () => {
  expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  expect(pkg.engines.node).toMatch(/^>=\d+\.\d+$/);
  const major = Number(version.split('.')[0]);
  // Even majors become LTS.
  expect(major % 2).toBe(0);
  expect(major).toBeGreaterThanOrEqual(minMajor);
});

test('the image runs the release of .node-version', () => {
  const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(read('Dockerfile'))?.[1];
  expect(image?.replace(/-(bookworm|trixie)-slim$/, '')).toBe(`node:${version}`);
});

test('the type definitions are those of the oldest Node.js the engines accept', () => {
  // Newer ones would let the code use what that Node.js lacks, unnoticed until it runs there.
  expect(pkg.devDependencies['@types/node']).toMatch(new RegExp(`^\\^${minMajor}\\.`));
  expect(lock.packages['node_modules/@types/node']?.version?.split('.')[0]).toBe(String(minMajor));
  expect(lock.packages['']?.engines).toEqual(pkg.engines);
});

test('the README states the minimum, and CI tests on the release of .node-version', () => {
  expect(read('README.md')).toMatch(
    new RegExp(`^Requirements: Node\\.js ≥ ${minimum.replace('.', '\\.')} `, 'm'),
  );
  expect(read('.ci/run')).toMatch(/^export COLLECTORS_PINNED_NODE=1$/m);
});

describe('bin/collectors.js', () => {
  /**
   * bin/collectors.js as a Node.js reporting `nodeVersion` runs it (process.versions is configurable);
   * instead of loading the built CLI it prints "CLI reached" and exits 0.
   */
  const cli = (nodeVersion: string) =>
    spawnSync(
      process.execPath,
      [
        '-e',
        `Object.defineProperty(process.versions, 'node', { value: '${nodeVersion}' });
         const Module = require('node:module');
         const load = Module.prototype.require;
         Module.prototype.require = function (id) {
           if (id.endsWith('dist/src/cli.js')) { console.error('CLI reached'); process.exit(0); }
           return load.apply(this, arguments);
         };
         require('./bin/collectors.js');`,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000 },
    );

  test.each([justOlder, muchOlder])(
    'refuses Node.js %s, saying which and what to do, before loading the CLI',
    (older) => {
      expect(cli(older)).toMatchObject({
        status: 2,
        stderr:
          `error: collectors needs Node.js ${minimum} or newer (package.json engines ">=${minimum}"); ` +
          `this is Node.js ${older} (${process.execPath}).\n` +
          `Put Node.js ${minimum} or newer first on PATH. In a checkout, npm start and npm test install ` +
          `the image's Node.js into .tools/node/bin and use it when the machine's is older.\n`,
      });
    },
  );

  test.each([`${minimum}.0`, `${minMajor}.${minMinor + 1}.0`, `${minMajor + 1}.0.0`])(
    'goes on to the CLI on Node.js %s',
    (version) => {
      expect(cli(version)).toMatchObject({ status: 0, stderr: 'CLI reached\n' });
    },
  );
});

/**
 * scripts/install-tools.sh node, run from a copy of the project's files in a temporary folder, with
 * fake `node` and `npm` commands first on PATH. The fake npm answers `npm pack <name>@<version>` as
 * npm does: it writes <name>-<version>.tgz into the current folder, holding package/bin/node (a
 * script that prints v<version>), and prints the file's name; `NPM_PACK_FAIL=1` makes it fail.
 */
describe('install-tools.sh node', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'install-node-'));
    mkdirSync(join(dir, 'scripts'));
    writeFileSync(join(dir, 'scripts', 'install-tools.sh'), read('scripts/install-tools.sh'));
    writeFileSync(join(dir, 'package.json'), read('package.json'));
    writeFileSync(join(dir, '.node-version'), `${version}\n`);
    mkdirSync(join(dir, 'fakebin'));
    script(
      join(dir, 'fakebin', 'npm'),
      `[ "$1" = pack ] || exit 64
       for spec; do :; done
       [ "\${NPM_PACK_FAIL:-}" != 1 ] || { echo "npm error 404 $spec" >&2; exit 1; }
       echo "$spec" >>"${dir}/packed"
       name="\${spec%@*}"; v="\${spec##*@}"; work="$(mktemp -d)"
       mkdir -p "$work/package/bin"
       printf '#!/bin/sh\\necho v%s\\n' "$v" >"$work/package/bin/node"
       chmod +x "$work/package/bin/node"
       tar -czf "$name-$v.tgz" -C "$work" package
       rm -rf "$work"
       echo "$name-$v.tgz"`,
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function script(path: string, body: string): void {
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
  }
  /** The machine's node: reports `machine`. */
  function install(machine: string, env: Record<string, string> = {}) {
    script(join(dir, 'fakebin', 'node'), `echo v${machine}`);
    return spawnSync('bash', [join(dir, 'scripts', 'install-tools.sh'), 'node'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        COLLECTORS_PINNED_NODE: '',
        ...env,
        PATH: `${join(dir, 'fakebin')}:/usr/bin:/bin`,
      },
      timeout: 30_000,
    });
  }
  const pinned = () => join(dir, '.tools', 'node', 'bin', 'node');
  const packed = () => (existsSync(join(dir, 'packed')) ? readFileSync(join(dir, 'packed'), 'utf8') : '');
  const platform = `${process.platform === 'darwin' ? 'darwin' : 'linux'}-${process.arch}`;

  test('installs the release of .node-version when the machine has an older Node.js', () => {
    const result = install(justOlder);
    expect(result.status).toBe(0);
    expect(packed()).toBe(`node-${platform}@${version}\n`);
    expect(spawnSync(pinned(), { encoding: 'utf8' }).stdout).toBe(`v${version}\n`);
    expect(result.stderr).toContain(`installed Node.js ${version} in .tools/node/bin`);
    // Installed once: the second run finds it.
    expect(install(justOlder).status).toBe(0);
    expect(packed().split('\n').filter(Boolean)).toHaveLength(1);
  });

  test('installs nothing when the machine Node.js is recent enough, and drops one of another release', () => {
    mkdirSync(join(dir, '.tools', 'node', 'bin'), { recursive: true });
    script(pinned(), 'echo v1.0.0');
    expect(install(`${minimum}.0`).status).toBe(0);
    expect(packed()).toBe('');
    expect(existsSync(join(dir, '.tools', 'node'))).toBe(false);
  });

  test('installs it anyway for CI (COLLECTORS_PINNED_NODE=1)', () => {
    expect(install(`${minMajor + 10}.0.0`, { COLLECTORS_PINNED_NODE: '1' }).status).toBe(0);
    expect(spawnSync(pinned(), { encoding: 'utf8' }).stdout).toBe(`v${version}\n`);
  });

  test('says what failed and what to do when the package cannot be fetched', () => {
    const result = install(muchOlder, { NPM_PACK_FAIL: '1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `[tools] ERROR: could not install Node.js ${version} into .tools/node (the machine's node ` +
        `(v${muchOlder}) is older than ${minimum}, the minimum of package.json's engines).\n` +
        `  Tried: 'npm pack node-${platform}@${version}' from the npm registry`,
    );
    expect(result.stderr).toContain(`Install Node.js ${minimum} or newer yourself`);
    expect(existsSync(join(dir, '.tools', 'node'))).toBe(false);
  });
});
