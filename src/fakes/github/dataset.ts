/**
 * The fake GitHub's data, as plain JSON-able records. Timestamps are ISO strings written relative to
 * `anchor` (the "now" the data was made for); `loadDataset` shifts them to the current time, so a
 * dataset's 7-day metrics never go stale. Logins of bots end in `[bot]` (REST style).
 */

export interface FakeDataset {
  /** The instant the timestamps were written for; absent means they are already absolute. */
  readonly anchor?: string;
  /** Accounts of type Bot whose login does not end in `[bot]`. */
  readonly botLogins?: readonly string[];
  readonly repos: readonly FakeRepo[];
}

export interface FakeRepo {
  readonly owner: string;
  readonly name: string;
  /** Default `main`. */
  readonly defaultBranch?: string;
  readonly archived?: boolean;
  readonly private?: boolean;
  readonly fork?: boolean;
  /** Default: an organization. */
  readonly ownerType?: 'Organization' | 'User';
  readonly pulls?: readonly FakePull[];
  /** The default branch's commits. */
  readonly commits?: readonly FakeCommit[];
  readonly workflows?: readonly FakeWorkflow[];
  readonly runs?: readonly FakeRun[];
  /** Every branch with its head's committer date; the default branch is added when missing. */
  readonly branches?: readonly FakeBranch[];
  /**
   * GraphQL's `repository(owner:, name:)` answers null for it with no error (the field is nullable, and
   * tests need that answer); REST serves the repository as usual.
   */
  readonly graphqlNull?: boolean;
}

export interface FakePull {
  readonly number: number;
  /** Null: a deleted account ("ghost"). */
  readonly author: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closedAt?: string | null;
  readonly mergedAt?: string | null;
  readonly draft?: boolean;
  /** Issue (conversation) comments. */
  readonly comments?: readonly { readonly author: string; readonly at: string }[];
  readonly reviews?: readonly FakeReview[];
}

export interface FakeReview {
  readonly author: string;
  /** Null while pending. */
  readonly at: string | null;
  readonly state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  /** Review (inline) comments submitted with it. */
  readonly comments?: number;
}

export interface FakeCommit {
  readonly sha: string;
  readonly message: string;
  /** `login` when the e-mail maps to a GitHub user. */
  readonly author: { readonly name: string; readonly email: string; readonly login?: string };
  readonly authoredAt: string;
  readonly committedAt: string;
  readonly additions: number;
  readonly deletions: number;
  readonly files: number;
  /** GraphQL's `changedFilesIfAvailable` is null for it (REST still lists the files). */
  readonly filesUnavailable?: boolean;
}

export interface FakeWorkflow {
  readonly id: number;
  readonly name: string;
  /** `.github/workflows/ci.yml` */
  readonly path: string;
}

export interface FakeRun {
  readonly id: number;
  readonly workflowId: number;
  readonly branch: string;
  readonly event: string;
  readonly status: 'queued' | 'in_progress' | 'completed';
  readonly conclusion?: string | null;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly updatedAt: string;
  /** Default 1; a re-run keeps its id and created time and increments this. */
  readonly attempt?: number;
  readonly actor?: string;
}

export interface FakeBranch {
  readonly name: string;
  readonly committedAt: string;
}

export function isBotLogin(dataset: FakeDataset, login: string): boolean {
  return login.endsWith('[bot]') || (dataset.botLogins ?? []).includes(login);
}
