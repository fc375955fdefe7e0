/**
 * Turns zod issues into config issues that say what to change, in the operator's words
 * ("expected a whole number, got -5.5"), not zod's.
 */
import type { z } from 'zod';
import type { ConfigIssue } from './errors';
import { formatPath } from './errors';

/** Collectors the product plans; naming one that is not implemented yet gets its own message. */
export const PLANNED_COLLECTORS = ['github', 'skypilot', 'wandb', 'ec2', 'asana'] as const;

/** Keys that would put a secret in the file, with where the value belongs instead. */
const SECRET_KEYS: Readonly<Record<string, string>> = {
  'temporal.apiKey': 'env TEMPORAL_API_KEY',
  'datadog.apiKey': 'env DD_API_KEY or the secret datadog/api-key',
  'datadog.appKey': 'env DD_APP_KEY or the secret datadog/app-key',
};

const TYPE_NAMES: Readonly<Record<string, string>> = {
  int: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

/** Parse-level error map: messages for zod's built-in checks. Messages set on a schema take precedence. */
export const errorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return 'must not be empty';
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${bound(issue.minimum, issue.origin)}${got(issue.input)}`;
    case 'too_big':
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${bound(issue.maximum, issue.origin)}${got(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}${got(issue.input)}`;
    case 'unrecognized_keys': {
      const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
      const allowed = shape ? Object.keys(shape) : [];
      return allowed.length ? `unknown key (expected one of: ${allowed.join(', ')})` : 'unknown key';
    }
    default:
      return undefined;
  }
};

function bound(value: number | bigint, origin: string): string {
  if (origin === 'string') return `${value} characters`;
  if (origin === 'array') return `${value} items`;
  return String(value);
}

function got(input: unknown): string {
  return input === undefined ? '' : ` (got ${describeValue(input)})`;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return typeof value;
}

export interface IssueContext {
  readonly source: string;
  /**
   * Dotted paths set from elsewhere than the file → where (`env DD_SITE`, a Temporal profile), so
   * their errors name it.
   */
  readonly fromEnv?: ReadonlyMap<string, string>;
  /** Prepended to every issue path (e.g. `collectors.github` for a collector's settings). */
  readonly prefix?: readonly PropertyKey[];
  /** Collector names the registry has, for unknown/not-implemented collector messages. */
  readonly implemented?: readonly string[];
}

export function toConfigIssues(issues: readonly z.core.$ZodIssue[], ctx: IssueContext): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = [...(ctx.prefix ?? []), ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push(issueAt(ctx, [...path, key], unknownKeyMessage(path, key, issue.message, ctx)));
    } else {
      out.push(issueAt(ctx, path, issue.message));
    }
  }
  return out;
}

function unknownKeyMessage(
  parent: readonly PropertyKey[],
  key: string,
  fallback: string,
  ctx: IssueContext,
): string {
  const dotted = formatPath([...parent, key]);
  const secretHome = SECRET_KEYS[dotted];
  if (secretHome) return `secrets do not belong in the config file: use ${secretHome}`;
  if (parent.length === 1 && parent[0] === 'collectors') {
    const implemented = `(implemented: ${ctx.implemented?.length ? ctx.implemented.join(', ') : 'none'})`;
    return (PLANNED_COLLECTORS as readonly string[]).includes(key)
      ? `not implemented yet ${implemented}`
      : `unknown collector ${implemented}`;
  }
  if (parent.length === 3 && parent[0] === 'collectors' && parent[2] === 'groups') {
    return fallback.replace(/^unknown key/, `unknown group of ${String(parent[1])}`);
  }
  return fallback;
}

export function issueAt(ctx: IssueContext, path: readonly PropertyKey[], message: string): ConfigIssue {
  const dotted = formatPath(path);
  // An item of a list that env set (DD_TAGS) names the variable too.
  const variable = ctx.fromEnv?.get(dotted) ?? ctx.fromEnv?.get(dotted.replace(/\[\d+\]$/, ''));
  return { source: variable ?? ctx.source, path: dotted, message };
}
