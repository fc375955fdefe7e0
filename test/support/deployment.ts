/**
 * A deployment for tests: a config file naming the run's dev server, a unique deployment name and
 * task queue, and a worker created from that file the way `collectors worker` does.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import type { Sink } from '../../src/datadog/types';
import { memoryLogger } from '../../src/log';
import { createWorker } from '../../src/temporal/worker';
import { syntheticCollector } from './synthetic-collector';
import { envSecrets, quietRuntime, testAddress } from './temporal';

export const registry = new Map([['synthetic', syntheticCollector]]);

export interface TestDeployment {
  readonly name: string;
  readonly path: string;
  /** Rewrites the file with another `collectors.synthetic` section (YAML lines, indented 4). */
  write(section: string[], extra?: string[]): void;
  config(): Config;
}

export function testDeployment(prefix: string): TestDeployment {
  const name = `${prefix}-${randomUUID().slice(0, 8)}`;
  const path = join(mkdtempSync(join(tmpdir(), 'collectors-dep-')), 'collectors.yaml');
  const deployment: TestDeployment = {
    name,
    path,
    write(section, extra = []) {
      writeFileSync(
        path,
        [
          `deployment: ${name}`,
          `temporal: { address: "${testAddress()}" }`,
          'datadog: { env: test }',
          'worker: { healthPort: 0, metricsPort: 0 }',
          ...extra,
          'collectors:',
          '  synthetic:',
          ...section.map((l) => `    ${l}`),
        ].join('\n'),
      );
    },
    config: () => loadConfig({ path, registry, required: true, env: {} }),
  };
  deployment.write(['targets: { count: 1 }']);
  return deployment;
}

/** Runs a worker for the deployment while `fn` runs. */
export async function withDeploymentWorker<T>(
  d: TestDeployment,
  sink: Sink,
  fn: () => Promise<T>,
): Promise<T> {
  quietRuntime();
  const workers = await createWorker({
    config: d.config(),
    configPath: d.path,
    registry,
    secrets: envSecrets(),
    sink,
    log: memoryLogger('warn'),
    env: {},
  });
  try {
    return (await workers.run(fn())) as T;
  } finally {
    await workers.close();
  }
}
