import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/** The project's root folder (where package.json is), from the sources or the build output alike. */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'datadog-collectors'
    ) {
      return (cached = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json of datadog-collectors not found above ${__dirname}`);
    dir = parent;
  }
}
