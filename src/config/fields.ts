/**
 * Reusable field schemas: durations, schedules, tag values. Each carries the message an operator
 * sees, so every config error reads the same way.
 */
import { z } from 'zod';
import { parseDuration } from '../time/duration';
import { parseSchedule, scheduleIntervalMs } from '../time/schedule';
import { describeValue } from './issues';
import { DATADOG_SITE_PATTERN, whyNotASite } from './sites';

/** A type error message naming what was expected and what was found. */
function expected(what: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? 'required' : `expected ${what}, got ${describeValue(issue.input)}`;
}

/** A duration string such as `30s`, `15m` or `1h30m`, at least `minMs` long. */
export function duration(minMs = 0) {
  return z.string({ error: expected('a duration such as 30s, 15m or 1h30m') }).superRefine((text, ctx) => {
    try {
      const ms = parseDuration(text);
      if (ms < minMs)
        ctx.addIssue({ code: 'custom', message: `must be at least ${minMs / 1000}s (got "${text}")` });
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
    }
  });
}

/** A cron expression or an interval, as Temporal will run it; see parseSchedule. */
export function schedule() {
  return z
    .string({ error: expected('a cron expression such as "*/15 * * * *" or an interval such as 15m') })
    .superRefine((text, ctx) => {
      try {
        scheduleIntervalMs(parseSchedule(text));
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
      }
    });
}

const TAG_VALUE = /^[a-z][a-z0-9_.:/-]*$/;

/** A Datadog tag value that survives Datadog's normalisation unchanged. */
export function tagValue() {
  return z
    .string()
    .min(1, { abort: true, error: 'must not be empty' })
    .max(200)
    .regex(TAG_VALUE, 'must be a lower-case tag value: a letter first, then letters, digits, _ - . : /');
}

export function httpUrl() {
  return z.string().refine(
    (text) => {
      try {
        return ['http:', 'https:'].includes(new URL(text).protocol);
      } catch {
        return false;
      }
    },
    { error: 'must be an http:// or https:// URL' },
  );
}

export function nonEmpty() {
  return z.string().min(1, { error: 'must not be empty' });
}

/** A Datadog site (src/config/sites.ts); the pattern also goes into the JSON Schema. */
export function datadogSite() {
  return z
    .string()
    .regex(DATADOG_SITE_PATTERN, { abort: true, error: (issue) => whyNotASite(String(issue.input)) })
    .superRefine((text, ctx) => {
      const why = whyNotASite(text);
      if (why) ctx.addIssue({ code: 'custom', message: why });
    });
}

const VERSION_VALUE = /^[a-z0-9][a-z0-9_.:/-]*$/;

/** The `version` tag's value: a release such as 1.4.2 or a commit such as 3f9c2ab, lower-case. */
export function versionValue() {
  return z
    .string()
    .min(1, { abort: true, error: 'must not be empty' })
    .max(192)
    .regex(
      VERSION_VALUE,
      'must be a lower-case tag value: a letter or digit first, then letters, digits, _ - . : / (e.g. 1.4.2)',
    );
}
