/** The `commits` metrics (../README.md, group `commits`): every commit counts; bots are not developers. */
import { isBotAuthor, type BotRules } from '../bots';
import { ratio } from '../../kit/statistics';
import { inWindow, type Window } from '../../kit/window';
import type { Commit } from './query';
import { points, type GithubPoint } from '../points';
import { developerHash, type CommitsSample } from '../rollup/samples';

const FORCE = /force[- ](merge|push)/i;

export function commitsPoints(
  all: readonly Commit[],
  /** Files changed per commit oid, where GraphQL had none. */
  restFiles: ReadonlyMap<string, number>,
  window: Window,
  bots: BotRules,
): { points: GithubPoint[]; sample: CommitsSample } {
  // GitHub's `since` is inclusive; the window excludes its start.
  const commits = all.filter((c) => inWindow(c.committedDate, window));
  const developers = new Set<string>();
  for (const { author } of commits) {
    if (!author || isBotAuthor(author, bots)) continue;
    const key = author.user?.login.toLowerCase() ?? author.email?.toLowerCase();
    if (key) developers.add(key);
  }
  const sum = (f: (c: Commit) => number) => commits.reduce((s, c) => s + f(c), 0);
  const count = (re: RegExp) => commits.filter((c) => re.test(c.message)).length;
  const sample: CommitsSample = {
    commits: commits.length,
    developers: [...developers].map(developerHash).sort(),
  };
  const computed = points({
    'github.commits.total_7d': commits.length,
    'github.commits.hotfix': count(/hotfix/i),
    'github.commits.reverts': count(/revert/i),
    'github.commits.force_merge_7d': count(FORCE),
    'github.developers.active_7d': developers.size,
    'github.commits.per_developer_7d': ratio(commits.length, developers.size),
    'github.code.lines_added_7d': sum((c) => c.additions),
    'github.code.lines_deleted_7d': sum((c) => c.deletions),
    'github.code.files_changed_7d': sum((c) => c.changedFilesIfAvailable ?? restFiles.get(c.oid) ?? 0),
  });
  return { points: computed, sample };
}
