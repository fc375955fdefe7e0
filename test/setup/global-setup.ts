/**
 * One Temporal dev server and one moto (AWS emulator) server for the whole test run, each on a free
 * port. A missing tool is a failed run, never a skipped test: `npm test` installs them first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { buildWorkflowBundle } from '../../src/temporal/bundle';
import { startDevServer, type DevServer } from '../../src/temporal/dev-server';
import { freePort, waitForPort } from '../../src/util/net';
import { projectRoot } from '../../src/util/paths';

declare global {
  var __servers: { temporal: DevServer; moto: ChildProcess } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const tools = join(projectRoot(), '.tools', 'bin');
  for (const tool of ['temporal', 'moto_server']) {
    if (!existsSync(join(tools, tool))) {
      throw new Error(
        `${tool} is not installed in .tools/bin. Run 'npm run tools' (npm test does it for you).`,
      );
    }
  }
  const started = Date.now();
  const bundlePath = join(tmpdir(), `collectors-workflow-bundle-${process.pid}.js`);
  const [temporal, moto] = await Promise.all([
    startDevServer({ binary: join(tools, 'temporal'), readyTimeoutMs: 90_000 }),
    startMoto(join(tools, 'moto_server')),
    // Bundled once for every test worker: bundling per worker costs seconds and memory.
    buildWorkflowBundle(join(projectRoot(), 'src', 'workflows', 'index.ts'), bundlePath),
  ]);
  process.env.WORKFLOW_BUNDLE_PATH = bundlePath;
  globalThis.__servers = { temporal, moto: moto.process };
  process.env.TEMPORAL_TEST_ADDRESS = temporal.address;
  process.env.MOTO_ENDPOINT = moto.endpoint;
  process.stderr.write(
    `\n[setup] Temporal dev server ${temporal.address}, moto ${moto.endpoint} (${Date.now() - started} ms)\n`,
  );
}

async function startMoto(binary: string): Promise<{ process: ChildProcess; endpoint: string }> {
  const port = await freePort();
  const child = spawn(binary, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  await waitForPort('127.0.0.1', port, 60_000);
  return { process: child, endpoint: `http://127.0.0.1:${port}` };
}
