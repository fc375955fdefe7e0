// Builds dist/workflow-bundle.js from the compiled workflows (run by `npm run build`).
import { join } from 'node:path';
import { buildWorkflowBundle } from '../src/temporal/bundle';
import { projectRoot } from '../src/util/paths';

async function main(): Promise<void> {
  const root = projectRoot();
  const out = join(root, 'dist', 'workflow-bundle.js');
  await buildWorkflowBundle(join(root, 'dist', 'src', 'workflows', 'index.js'), out);
  process.stderr.write(`workflow bundle written to ${out}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`building the workflow bundle failed: ${String(err)}\n`);
  process.exit(1);
});
