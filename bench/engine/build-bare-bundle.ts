// Bundles the baseline workflow into argv[2]. The bench runs this in a child process, so webpack's
// memory never counts in the RSS it measures.
import { join } from 'node:path';
import { buildWorkflowBundle } from '../../src/temporal/bundle';

const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: node build-bare-bundle.js <output file>\n');
  process.exit(2);
}
buildWorkflowBundle(join(__dirname, 'bare-workflow.js'), out).catch((err: unknown) => {
  process.stderr.write(`bundling the baseline workflow failed: ${String(err)}\n`);
  process.exit(1);
});
