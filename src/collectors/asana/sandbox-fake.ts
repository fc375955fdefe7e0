/**
 * The Asana collector's sandbox: the loopback fake Asana (src/fakes/asana) with a generated
 * workspace (teams, projects with a year of tasks, milestones, priorities, dependencies, status
 * updates), the whole workspace as the target (its non-archived projects, expanded at plan time),
 * and the token the fake accepts.
 */
import { randomBytes } from 'node:crypto';
import type * as FakeAsanaModule from '../../fakes/asana';
import type { RunningFake, SandboxDeclaration, SandboxStartOptions } from '../types';
import { TOKEN_SECRET } from './client';

/** Loaded on start only: the fakes (and their dev dependencies) are not in the production image. */
function loadFake(): typeof FakeAsanaModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../fakes/asana') as typeof FakeAsanaModule;
}

async function start(options: SandboxStartOptions = {}): Promise<RunningFake> {
  const { generateDataset, startFakeAsana } = loadFake();
  const dataset = generateDataset(options.now ? { now: options.now() } : {});
  const token = `2/sandbox/${randomBytes(16).toString('hex')}`;
  const fake = await startFakeAsana({ dataset, token });
  const workspace = dataset.workspaces[0]!;
  const projects = dataset.projects.filter((p) => p.workspace === workspace.gid);
  const tasks = dataset.tasks.length;
  return {
    url: fake.url,
    serves: `workspace ${workspace.name}: ${projects.length} projects (${projects.filter((p) => p.archived).length} archived), ${tasks} tasks over a year`,
    section: { targets: [{ workspace: workspace.gid }], options: { baseUrl: fake.url } },
    secrets: { [TOKEN_SECRET]: token },
    failEveryRequest: () => fake.setServerError(503),
    close: () => fake.close(),
  };
}

export const asanaSandbox: SandboxDeclaration = {
  service: 'Asana',
  start,
};
