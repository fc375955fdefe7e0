/**
 * `npm run bench [-- <name> [options]]`: runs one benchmark, `bench/<name>.ts` (default: engine),
 * built to dist/bench/. Each prints a table and writes JSON under out/bench/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

// Every top-level file of bench/ but this one is a benchmark.
const self = basename(__filename, '.js');
const available = readdirSync(__dirname)
  .map((f) => /^(.+)\.js$/.exec(f)?.[1])
  .filter((n): n is string => !!n && n !== self);
const [name = 'engine', ...rest] = process.argv.slice(2);
const script = join(__dirname, `${name}.js`);
if (name === self || !existsSync(script)) {
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
