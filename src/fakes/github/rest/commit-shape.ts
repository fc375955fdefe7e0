/** A commit as `GET /repos/{owner}/{repo}/commits/{sha}` shows it: its stats and a page of its files. */
import type { RestEndpointMethodTypes as T } from '@octokit/rest';
import type { FakeCommit, FakeRepo } from '../dataset';
import { fullName, nodeId, numericId } from '../store';
import { WEB } from './shapes';

type Commit = T['repos']['getCommit']['response']['data'];
type DiffEntry = NonNullable<Commit['files']>[number];

export type RestCommit = Pick<Commit, 'sha' | 'node_id' | 'html_url' | 'url' | 'stats'> & {
  commit: Pick<Commit['commit'], 'message' | 'author' | 'committer'>;
  files: DiffEntry[];
};

export function restCommit(base: string, repo: FakeRepo, c: FakeCommit, files: DiffEntry[]): RestCommit {
  const person = (date: string) => ({ name: c.author.name, email: c.author.email, date });
  return {
    sha: c.sha,
    node_id: nodeId('Commit', c.sha),
    html_url: `${WEB}/${fullName(repo)}/commit/${c.sha}`,
    url: `${base}/repos/${fullName(repo)}/commits/${c.sha}`,
    stats: { additions: c.additions, deletions: c.deletions, total: c.additions + c.deletions },
    commit: { message: c.message, author: person(c.authoredAt), committer: person(c.committedAt) },
    files,
  };
}

/** The i-th file of a commit (the fake invents names; only the count is data). */
export function diffEntry(c: FakeCommit, i: number): DiffEntry {
  const filename = `src/file-${i}.ts`;
  return {
    sha: numericId(`${c.sha}:${i}`).toString(16).padStart(40, '0'),
    filename,
    status: 'modified',
    additions: 0,
    deletions: 0,
    changes: 0,
    blob_url: `${WEB}/blob/${c.sha}/${filename}`,
    raw_url: `${WEB}/raw/${c.sha}/${filename}`,
    contents_url: `${WEB}/contents/${filename}?ref=${c.sha}`,
  };
}
