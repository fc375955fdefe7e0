/**
 * Dataset records as GitHub's REST API shows them. Typed against the REST schema
 * (`@octokit/openapi-types`, through `RestEndpointMethodTypes`): each object is a subset of the
 * real fields with their real names and types.
 */
import type { RestEndpointMethodTypes as T } from '@octokit/rest';
import type { FakeRepo, FakeRun, FakeWorkflow } from '../dataset';
import { defaultBranch, fullName, numericId, nodeId, type FakeStore } from '../store';

type MinimalRepository = T['repos']['listForOrg']['response']['data'][number];
type SimpleUser = MinimalRepository['owner'];
type WorkflowRun = T['actions']['listWorkflowRunsForRepo']['response']['data']['workflow_runs'][number];
type Workflow = T['actions']['listRepoWorkflows']['response']['data']['workflows'][number];

export type RestRepo = Pick<
  MinimalRepository,
  'id' | 'node_id' | 'name' | 'full_name' | 'owner' | 'private' | 'html_url' | 'description' | 'fork' | 'url'
> &
  Required<Pick<MinimalRepository, 'archived' | 'disabled' | 'default_branch' | 'visibility'>>;

export type RestRun = Pick<
  WorkflowRun,
  | 'id'
  | 'name'
  | 'node_id'
  | 'head_branch'
  | 'head_sha'
  | 'path'
  | 'display_title'
  | 'run_number'
  | 'run_attempt'
  | 'event'
  | 'status'
  | 'conclusion'
  | 'workflow_id'
  | 'url'
  | 'html_url'
  | 'pull_requests'
  | 'created_at'
  | 'updated_at'
  | 'run_started_at'
  | 'actor'
>;

export const WEB = 'https://github.com';

export function restUser(base: string, login: string, store: FakeStore, type?: string): SimpleUser {
  const url = `${base}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id: numericId(`user:${login}`),
    node_id: nodeId('User', login),
    avatar_url: `${WEB}/${login}.png`,
    gravatar_id: '',
    url,
    html_url: `${WEB}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: type ?? (store.isBot(login) ? 'Bot' : 'User'),
    site_admin: false,
  };
}

export function restRepo(base: string, repo: FakeRepo, store: FakeStore): RestRepo {
  const name = fullName(repo);
  return {
    id: numericId(`repo:${name}`),
    node_id: nodeId('Repository', name),
    name: repo.name,
    full_name: name,
    owner: restUser(base, repo.owner, store, repo.ownerType ?? 'Organization'),
    private: repo.private ?? false,
    html_url: `${WEB}/${name}`,
    description: null,
    fork: repo.fork ?? false,
    url: `${base}/repos/${name}`,
    archived: repo.archived ?? false,
    disabled: false,
    default_branch: defaultBranch(repo),
    visibility: repo.private ? 'private' : 'public',
  };
}

export function restWorkflow(base: string, repo: FakeRepo, w: FakeWorkflow): Workflow {
  const url = `${base}/repos/${fullName(repo)}/actions/workflows/${w.id}`;
  const at = '2020-01-01T00:00:00Z';
  return {
    id: w.id,
    node_id: nodeId('Workflow', `${fullName(repo)}#${w.id}`),
    name: w.name,
    path: w.path,
    state: 'active',
    created_at: at,
    updated_at: at,
    url,
    html_url: `${WEB}/${fullName(repo)}/blob/${defaultBranch(repo)}/${w.path}`,
    badge_url: `${WEB}/${fullName(repo)}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
  };
}

export function restRun(base: string, repo: FakeRepo, run: FakeRun, store: FakeStore): RestRun {
  const workflow = repo.workflows?.find((w) => w.id === run.workflowId);
  const url = `${base}/repos/${fullName(repo)}/actions/runs/${run.id}`;
  return {
    id: run.id,
    name: workflow?.name ?? `workflow ${run.workflowId}`,
    node_id: nodeId('WorkflowRun', String(run.id)),
    head_branch: run.branch,
    head_sha: numericId(`sha:${run.id}`).toString(16).padStart(40, '0'),
    path: workflow?.path ?? `.github/workflows/${run.workflowId}.yml`,
    display_title: `${workflow?.name ?? 'run'} #${run.id}`,
    run_number: run.id % 100_000,
    run_attempt: run.attempt ?? 1,
    event: run.event,
    status: run.status,
    conclusion: run.status === 'completed' ? (run.conclusion ?? null) : null,
    workflow_id: run.workflowId,
    url,
    html_url: `${WEB}/${fullName(repo)}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    run_started_at: run.startedAt ?? run.createdAt,
    actor: restUser(base, run.actor ?? 'octocat', store),
  };
}
