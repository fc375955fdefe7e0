/** The baseline workflow's bundle, written under out/bench/ for the bare worker. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Bundled in a child process: webpack in this one would inflate the RSS being measured. */
export async function buildBareBundle(outDir: string): Promise<string> {
  const out = join(outDir, 'bare-workflow-bundle.js');
  await promisify(execFile)(process.execPath, [join(__dirname, 'build-bare-bundle.js'), out]);
  return out;
}
