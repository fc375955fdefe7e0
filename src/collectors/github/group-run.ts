/** What every group's computation receives: the client, the repo, the window and the unit's context. */
import type { CollectContext } from '../types';
import { botRules, type BotRules } from './bots';
import type { GithubClient } from './client/create';
import type { RepoRef } from './repo';
import type { GithubSettings } from './settings';
import { windowEnding, type Window } from './time';

export interface Unit {
  readonly client: GithubClient;
  readonly repo: RepoRef;
  readonly window: Window;
  readonly bots: BotRules;
  readonly ctx: CollectContext<GithubSettings>;
  readonly heartbeat: () => void;
}

export function unitOf(ctx: CollectContext<GithubSettings>, client: GithubClient, repo: RepoRef): Unit {
  return {
    client,
    repo,
    window: windowEnding(ctx.asOf),
    bots: botRules(ctx.settings.options.botLogins),
    ctx,
    heartbeat: () => ctx.heartbeat({ requests: client.usage.requests }),
  };
}
