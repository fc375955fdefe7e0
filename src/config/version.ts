/** The project's own version (package.json): the `version` tag when neither datadog.version nor DD_VERSION sets one. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../util/paths';

let cached: string | undefined;

export function packageVersion(): string {
  cached ??= (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
  return cached;
}
