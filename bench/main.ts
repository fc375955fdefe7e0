/**
 * `npm run bench [-- <name> [options]]`: runs one benchmark script, `scripts/bench-<name>.ts`
 * (default: engine), built to dist/. Each prints a table and writes JSON under out/bench/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/util/paths';

const dir = join(projectRoot(), 'dist', 'scripts');
const available = readdirSync(dir)
  .map((f) => /^bench-(.+)\.js$/.exec(f)?.[1])
  .filter((n): n is string => !!n);
const [name = 'engine', ...rest] = process.argv.slice(2);
const script = join(dir, `bench-${name}.js`);
if (!existsSync(script)) {
  process.stderr.write(`no benchmark "${name}": choose one of ${available.join(', ')}\n`);
  process.exit(2);
}
// --expose-gc: memory figures are read after a full collection.
// MALLOC_ARENA_MAX=2 as in the container image, so memory figures are those of production.
const result = spawnSync(process.execPath, ['--expose-gc', script, ...rest], {
  stdio: 'inherit',
  env: { MALLOC_ARENA_MAX: '2', ...process.env },
});
process.exit(result.status ?? 1);
