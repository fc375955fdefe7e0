/**
 * Default-branch commits: about twenty a day, by developers and bots, some rebased (authored days
 * before they were committed), hotfixes, reverts and force-merges among the messages, and a few
 * whose file count GraphQL cannot give.
 */
import type { FakeCommit } from '../dataset';
import { author, gitAuthor } from './people';
import { DAY, HOUR, iso, type Random } from './random';

const MESSAGES = {
  'Add {x}': 40,
  'Fix {x}': 30,
  'Refactor {x}': 15,
  'Bump {x} from 1.2.3 to 1.2.4': 6,
  'Hotfix: {x}': 3,
  'Revert "Add {x}"': 3,
  'Force-merge {x} for the release': 1,
  'Update docs for {x}': 8,
} as const;
const THINGS = ['the cache', 'login', 'billing export', 'search', 'metrics', 'the scheduler', 'retries'];

export function generateCommits(rng: Random, now: number, days: number, perDay = 20): FakeCommit[] {
  const commits: FakeCommit[] = [];
  for (let i = 0; i < Math.round(days * perDay); i++) {
    const committed = now - rng.next() * days * DAY;
    const rebased = rng.chance(0.2);
    const authored = rebased ? committed - rng.logNormal(48, 1) * HOUR : committed - rng.int(0, 600) * 1000;
    const login = author(rng);
    commits.push({
      sha: rng.next().toString(16).slice(2, 14).padEnd(12, '0') + String(i).padStart(28, '0'),
      message: rng.weighted(MESSAGES).replace('{x}', rng.pick(THINGS)),
      author: gitAuthor(rng, login),
      authoredAt: iso(authored),
      committedAt: iso(committed),
      additions: Math.round(rng.logNormal(30, 1.3)),
      deletions: Math.round(rng.logNormal(10, 1.3)),
      files: Math.max(1, Math.round(rng.logNormal(3, 0.9))),
      ...(rng.chance(0.02) ? { filesUnavailable: true } : {}),
    });
  }
  return commits.sort((a, b) => b.committedAt.localeCompare(a.committedAt));
}
