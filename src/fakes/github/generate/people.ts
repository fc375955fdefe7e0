/** Who works on the generated repos: developers, bots, and developers whose commits have no GitHub user. */
import type { Random } from './random';

export const DEVELOPERS = Array.from({ length: 24 }, (_, i) => `dev-${String(i + 1).padStart(2, '0')}`);
export const BOTS = ['dependabot[bot]', 'renovate[bot]', 'github-actions[bot]'];
export const REVIEW_BOTS = ['copilot-pull-request-reviewer[bot]', 'coderabbitai[bot]'];

/** A PR or commit author: a bot about one time in eight. */
export function author(rng: Random): string {
  return rng.chance(0.12) ? rng.pick(BOTS) : rng.pick(DEVELOPERS);
}

/** A commit's git author: bots without GitHub user, and some developers committing from an unlinked e-mail. */
export function gitAuthor(rng: Random, login: string): { name: string; email: string; login?: string } {
  if (login.endsWith('[bot]')) {
    return { name: login, email: `${rng.int(1000, 99999)}+${login}@users.noreply.github.com` };
  }
  const linked = rng.chance(0.9);
  return {
    name: login.replace('dev-', 'Developer '),
    email: `${login}@example.com`,
    ...(linked ? { login } : {}),
  };
}
