/** The dataset indexed for the routes: repos by name (case-insensitive), owners, bots, stable ids. */
import { createHash } from 'node:crypto';
import { isBotLogin, type FakeBranch, type FakeDataset, type FakeRepo } from './dataset';

export class FakeStore {
  private readonly repos = new Map<string, FakeRepo>();

  constructor(readonly dataset: FakeDataset) {
    for (const repo of dataset.repos) this.repos.set(fullName(repo).toLowerCase(), repo);
  }

  repo(owner: string, name: string): FakeRepo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /** Repos of an owner; undefined when no repo has that owner (GitHub: 404). */
  reposOf(owner: string, type: 'Organization' | 'User'): FakeRepo[] | undefined {
    const owned = this.dataset.repos.filter((r) => r.owner.toLowerCase() === owner.toLowerCase());
    if (!owned.length || (owned[0]!.ownerType ?? 'Organization') !== type) return undefined;
    return owned;
  }

  isBot(login: string): boolean {
    return isBotLogin(this.dataset, login);
  }

  /** Branches with the default branch present (headed by the newest commit when not listed). */
  branches(repo: FakeRepo): FakeBranch[] {
    const listed = [...(repo.branches ?? [])];
    const main = defaultBranch(repo);
    if (!listed.some((b) => b.name === main)) {
      const newest = [...(repo.commits ?? [])].sort((a, b) => b.committedAt.localeCompare(a.committedAt))[0];
      listed.unshift({ name: main, committedAt: newest?.committedAt ?? '2020-01-01T00:00:00Z' });
    }
    return listed;
  }
}

export function fullName(repo: FakeRepo): string {
  return `${repo.owner}/${repo.name}`;
}

export function defaultBranch(repo: FakeRepo): string {
  return repo.defaultBranch ?? 'main';
}

/** A stable positive integer id for anything named by `key`. */
export function numericId(key: string): number {
  return createHash('sha1').update(key).digest().readUInt32BE(0) & 0x7fffffff;
}

/** A GraphQL global node id (opaque to clients, decodable by the fake). */
export function nodeId(kind: string, key: string): string {
  return Buffer.from(`${kind}:${key}`).toString('base64url');
}

export function parseNodeId(id: string): { kind: string; key: string } | undefined {
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const i = text.indexOf(':');
  return i > 0 ? { kind: text.slice(0, i), key: text.slice(i + 1) } : undefined;
}
