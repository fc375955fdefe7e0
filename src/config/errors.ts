/**
 * Config problems, all of them at once: the operator fixes the file in one pass instead of one
 * error per restart. The CLI prints the message and exits 2.
 */

export interface ConfigIssue {
  /** Where the bad value came from: the file's path, `env`, `env DD_SITE`, or `flags`. */
  readonly source: string;
  /** Dotted path in the config (`collectors.github.schedule`); empty for the file as a whole. */
  readonly path: string;
  readonly message: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
  }
}

/** `<source>: <dotted.path>: <reason>`. */
export function formatIssue(issue: ConfigIssue): string {
  return issue.path
    ? `${issue.source}: ${issue.path}: ${issue.message}`
    : `${issue.source}: ${issue.message}`;
}

/** `['collectors', 'github', 'targets', 'repos', 0]` → `collectors.github.targets.repos[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
