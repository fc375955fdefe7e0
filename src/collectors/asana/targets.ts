/**
 * The cycle's targets: one per project, `<workspace gid>/<project gid>` as id. A workspace's listed projects are read one by
 * one (name, archived, workspace); without a list, the non-archived projects of the workspace, or of
 * its listed teams, that pass the name globs (100 a page). Archived projects are left out: they are
 * not active. The workspace's name is read once per workspace.
 */
import { PermanentError } from '../../errors';
import { selectByName } from '../../util/glob';
import type { PlanContext, Target } from '../types';
import type { AsanaClient } from './client';
import { connect } from './connect';
import type { AsanaSettings, WorkspaceTarget } from './settings';

interface ListedProject {
  readonly gid: string;
  readonly name?: string;
  readonly archived?: boolean;
  readonly workspace?: { readonly gid: string } | null;
}

export async function asanaTargets(ctx: PlanContext<AsanaSettings>): Promise<Target[]> {
  const client = await connect(ctx);
  const targets = new Map<string, Target>();
  for (const wanted of ctx.settings.targets) {
    const workspace = await client.get<{ gid: string; name?: string }>(
      `/workspaces/${wanted.workspace}`,
      { opt_fields: 'name' },
      `workspace ${wanted.workspace}`,
    );
    const workspaceName = workspace.name ?? wanted.workspace;
    for (const project of await projectsOf(ctx, client, wanted)) {
      const target = targetOf(workspaceName, project.name ?? project.gid, wanted.workspace, project.gid);
      targets.set(target.id, target);
    }
  }
  ctx.log.info('asana targets expanded', { projects: targets.size, requests: client.requests });
  return [...targets.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export function targetOf(
  workspace: string,
  project: string,
  workspaceGid: string,
  projectGid: string,
): Target {
  return {
    id: `${workspaceGid}/${projectGid}`,
    tags: {
      workspace: tagValue(workspace, workspaceGid),
      project: tagValue(project, projectGid),
      project_gid: projectGid,
    },
  };
}

/** The workspace and project gids of a target id. */
export function gidsOf(target: Target): { workspace: string; project: string } {
  const [workspace = '', project = ''] = target.id.split('/');
  return { workspace, project };
}

/**
 * A name as a tag value Datadog keeps as it is: lower case, letters, digits and `_ - . / :`, any other
 * run of characters one `_`, at most 150 characters. A name with nothing left becomes `fallback`.
 */
export function tagValue(name: string, fallback: string): string {
  const value = name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_./:-]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 150);
  return value || fallback;
}

const PROJECT_FIELDS = 'name,archived,workspace';

async function projectsOf(
  ctx: PlanContext<AsanaSettings>,
  client: AsanaClient,
  target: WorkspaceTarget,
): Promise<ListedProject[]> {
  if (target.projects) {
    const chosen: ListedProject[] = [];
    for (const gid of target.projects) {
      const project = await client.get<ListedProject>(
        `/projects/${gid}`,
        { opt_fields: PROJECT_FIELDS },
        `project ${gid}`,
      );
      if (project.workspace && project.workspace.gid !== target.workspace) {
        throw new PermanentError(
          `Asana project ${gid} (${project.name ?? '?'}) is in workspace ${project.workspace.gid}, not ${target.workspace}`,
          'list it under its own workspace in collectors.asana.targets',
        );
      }
      if (project.archived) {
        ctx.log.warn('an archived Asana project is left out (it is not active)', {
          project: gid,
          name: project.name,
        });
        continue;
      }
      chosen.push(project);
    }
    return chosen;
  }
  const listed: ListedProject[] = [];
  if (target.teams) {
    for (const team of target.teams) {
      listed.push(
        ...(await client.list<ListedProject>(
          `/teams/${team}/projects`,
          { archived: 'false', opt_fields: PROJECT_FIELDS },
          `the projects of team ${team}`,
        )),
      );
    }
  } else {
    listed.push(
      ...(await client.list<ListedProject>(
        '/projects',
        { workspace: target.workspace, archived: 'false', opt_fields: PROJECT_FIELDS },
        `the projects of workspace ${target.workspace}`,
      )),
    );
  }
  const chosen = listed.filter((p) => !p.archived && selectByName(p.name ?? '', target));
  if (!chosen.length) {
    ctx.log.warn('no Asana project of the workspace passes its teams and include/exclude globs', {
      workspace: target.workspace,
      projects: listed.length,
    });
  }
  return chosen;
}
