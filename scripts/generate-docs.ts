// Rewrites everything generated from the registry and the catalogs (metric tables, env overrides,
// secrets, the IAM policy, the Helm test values): `npm run docs`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registry } from '../src/collectors/registry';
import { staleDocs } from '../src/docs/generated';
import { projectRoot } from '../src/util/paths';

const root = projectRoot();
const stale = staleDocs(root, registry);
for (const [file, text] of stale) {
  writeFileSync(join(root, file), text);
  process.stderr.write(`updated ${file}\n`);
}
if (!stale.size) process.stderr.write('docs are up to date\n');
