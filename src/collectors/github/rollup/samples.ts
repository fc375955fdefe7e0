/**
 * What a GitHub unit hands the engine for the organization's roll-up (../README.md, "Organization
 * metrics"): the events behind each statistic that does not add up across repositories, as plain
 * numbers. Durations are whole seconds (GitHub's timestamps have no finer precision), so a roll-up
 * over one repository gives exactly that repository's values.
 */
import { createHash } from 'node:crypto';

/** Group `pulls`: over the human PRs merged in W. */
export type PullsSample = {
  /** mergedAt − createdAt of each, in seconds. */
  readonly merge_s: readonly number[];
  /** First review by someone else (not a bot) − createdAt, in seconds, of each that had one. */
  readonly first_review_s: readonly number[];
  /** Issue and review comments made by asOf, summed over them. */
  readonly comments: number;
};

/** Group `commits`: over the default branch's commits with committer date in W. */
export type CommitsSample = {
  readonly commits: number;
  /** Each distinct developer once, as developerHash of the login (else e-mail), sorted. */
  readonly developers: readonly string[];
};

/** Group `ci`: over the runs created in W and completed by asOf. */
export type CiSample = {
  /** updated_at − run_started_at of each run that has a start, in seconds. */
  readonly duration_s: readonly number[];
  /** Runs whose conclusion is neither skipped nor cancelled, and of those the successes. */
  readonly judged: number;
  readonly succeeded: number;
};

/** Whole seconds from one GitHub timestamp to another. */
export function secondsBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 1000);
}

/**
 * A developer's identity (lower-case login or e-mail) as 8 base64url characters of its SHA-256:
 * the same in every repository and on every worker, so distinct developers can be counted across
 * repositories, without names or e-mails in the workflow history. 48 bits: two of 10,000 developers
 * share a hash with a probability of about 2 in 10 million.
 */
export function developerHash(identity: string): string {
  return createHash('sha256').update(identity).digest('base64url').slice(0, 8);
}
