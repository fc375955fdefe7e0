/** What every group's computation receives: the client, the repo, the window and the unit's context. */
import { WEEK_MS, windowEnding, type Window } from '../kit/window';
import type { CollectContext } from '../types';
import { botRules, type BotRules } from './bots';
import type { GithubClient } from './client/create';
import type { RepoRef } from './repo';
import type { GithubSettings } from './settings';

export interface GroupRun {
  readonly client: GithubClient;
  readonly repo: RepoRef;
  readonly window: Window;
  readonly bots: BotRules;
  readonly ctx: CollectContext<GithubSettings>;
  readonly heartbeat: () => void;
}

export function groupRunOf(
  ctx: CollectContext<GithubSettings>,
  client: GithubClient,
  repo: RepoRef,
): GroupRun {
  return {
    client,
    repo,
    window: windowEnding(ctx.asOf, WEEK_MS),
    bots: botRules(ctx.settings.options.botLogins),
    ctx,
    heartbeat: () => ctx.heartbeat({ requests: client.usage.requests }),
  };
}
