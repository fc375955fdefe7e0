/**
 * Who is a bot (../README.md, "Bots"): a login ending in `[bot]`, an account of type `Bot` (GraphQL shows bots
 * as `Bot` actors without the suffix), a commit author without a GitHub user whose name or e-mail
 * contains `[bot]`, and any login configured in `options.botLogins`.
 */

export interface BotRules {
  /** Extra logins treated as bots (lower-case), e.g. a CI machine user of type User. */
  readonly logins: ReadonlySet<string>;
}

export function botRules(logins: readonly string[]): BotRules {
  return { logins: new Set(logins.map((l) => l.toLowerCase())) };
}

/** A GitHub account as REST (`type`) or GraphQL (`__typename`) shows it. */
export interface Account {
  readonly login: string;
  readonly type?: string;
  readonly __typename?: string;
}

export function isBotAccount(account: Account | null | undefined, rules: BotRules): boolean {
  if (!account) return false;
  const login = account.login.toLowerCase();
  return (
    login.endsWith('[bot]') ||
    account.type === 'Bot' ||
    account.__typename === 'Bot' ||
    rules.logins.has(login) ||
    rules.logins.has(`${login}[bot]`)
  );
}

/** A git author: a GitHub user when the e-mail maps to one, else only name and e-mail. */
export interface GitAuthor {
  readonly name?: string | null;
  readonly email?: string | null;
  readonly user?: { readonly login: string } | null;
}

export function isBotAuthor(author: GitAuthor, rules: BotRules): boolean {
  if (author.user) return isBotAccount(author.user, rules);
  return `${author.name ?? ''} ${author.email ?? ''}`.toLowerCase().includes('[bot]');
}
