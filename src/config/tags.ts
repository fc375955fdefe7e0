/**
 * User tags: `datadog.tags` (and DD_TAGS) on every point, `collectors.<name>.targetTags` on the
 * points of matching targets. They are written as the Datadog Agent writes them, `key:value`, and
 * checked here so that a tag never shadows one the collectors set (the common tags, a catalog tag)
 * nor changes under Datadog's normalisation.
 */
import { z } from 'zod';
import type { Catalog } from '../catalog/model';
import type { Collector } from '../collectors/types';
import { globMatcher } from '../util/glob';

/** Keys the engine sets on every point, or Datadog reserves, each with what sets it. */
export const RESERVED_TAG_KEYS: Readonly<Record<string, string>> = {
  collector: 'the collector tag is set by the engine',
  env: 'env is set by datadog.env (env DD_ENV)',
  service: 'service is set by datadog.service (env DD_SERVICE)',
  version: 'version is set by datadog.version (env DD_VERSION)',
  mode: 'mode is a tag of the health metrics',
  group: 'group is a tag of the health metrics',
  host: 'host is reserved by Datadog',
  device: 'device is reserved by Datadog',
  source: 'source is reserved by Datadog',
};

const KEY = /^[a-z][a-z0-9_./-]*$/;
const VALUE = /^[a-z0-9_./:-]+$/;
/** KEY:VALUE, for the JSON Schema. */
const TAG_PATTERN = `^${KEY.source.slice(1, -1)}:${VALUE.source.slice(1, -1)}$`;
/** Datadog's limit for a whole tag, `key:value`. */
const MAX_TAG_LENGTH = 200;

/** The key of a `key:value` tag (the text before the first colon). */
export function tagKey(tag: string): string {
  const i = tag.indexOf(':');
  return i < 0 ? tag : tag.slice(0, i);
}

/** Why `tag` is not a usable `key:value` user tag; undefined when it is one. */
function whyNotATag(tag: string): string | undefined {
  const i = tag.indexOf(':');
  if (i <= 0 || i === tag.length - 1) return `"${tag}" is not key:value (e.g. team:platform)`;
  if (tag !== tag.toLowerCase()) {
    return `"${tag}" has capitals, which Datadog lower-cases: write "${tag.toLowerCase()}"`;
  }
  if (tag.length > MAX_TAG_LENGTH) return `"${tag}" is longer than ${MAX_TAG_LENGTH} characters`;
  const key = tag.slice(0, i);
  if (!KEY.test(key)) {
    return `the key of "${tag}" must start with a letter, then letters, digits, _ - . /`;
  }
  if (!VALUE.test(tag.slice(i + 1))) {
    return `the value of "${tag}" may only have letters, digits, _ - . / : (Datadog would rewrite the rest)`;
  }
  return undefined;
}

/** The tag keys of catalogs, each with the collector that declares it. */
export function catalogTagKeys(catalogs: readonly Catalog[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const c of catalogs) {
    for (const key of [...Object.keys(c.targetTags), ...Object.keys(c.tags)]) {
      if (!keys.has(key)) keys.set(key, c.collector);
    }
  }
  return keys;
}

/**
 * A list of `key:value` tags. A key that is reserved, declared by one of `catalogs`, or set twice
 * in the list is an error at its item.
 */
export function userTags(catalogs: readonly Catalog[]) {
  const declared = catalogTagKeys(catalogs);
  // The pattern is for the JSON Schema only (editors, the Helm chart's values): the refinement below
  // says what is wrong in words.
  const item = z.string().meta({ pattern: TAG_PATTERN });
  return z.array(item).superRefine((tags, ctx) => {
    const seen = new Set<string>();
    tags.forEach((tag, index) => {
      const why = whyNotATag(tag) ?? whyKeyTaken(tagKey(tag), declared, seen);
      if (why) ctx.addIssue({ code: 'custom', path: [index], message: why });
      seen.add(tagKey(tag));
    });
  });
}

function whyKeyTaken(key: string, declared: Map<string, string>, seen: Set<string>): string | undefined {
  const reserved = RESERVED_TAG_KEYS[key];
  if (reserved) return `the key "${key}" is not free: ${reserved}; choose another key`;
  const collector = declared.get(key);
  if (collector) {
    return `the key "${key}" is a tag of the ${collector} metrics (see its catalog); choose another key`;
  }
  if (seen.has(key)) return `the key "${key}" is set twice`;
  return undefined;
}

/** `collectors.<name>.targetTags`: per target id or glob, the tags of its points. */
export function targetTagsField(collector: Collector) {
  return z
    .record(
      z.string().min(1, { error: 'a target id or glob must not be empty' }),
      userTags([collector.catalog]),
    )
    .describe(
      'Tags (key:value) on the points of some targets, by target id (e.g. owner/name for a GitHub repo, the ' +
        'server name for SkyPilot) or glob (* and ?, e.g. my-org/web-*). A target gets the tags of every entry ' +
        'it matches, a later entry winning for a key set twice, and a key set here wins over datadog.tags. ' +
        'Health metrics of the unit (group.success) carry them too.',
    );
}

/** DD_TAGS as the Agent reads it: tags separated by spaces or commas. */
export function splitTagList(text: string): string[] {
  return text.split(/[\s,]+/).filter((t) => t.length > 0);
}

/** The tags of the entries of `targetTags` that match `id` (globs `*` and `?`), later entries winning. */
export function tagsForTarget(
  targetTags: Readonly<Record<string, readonly string[]>>,
  id: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [pattern, tags] of Object.entries(targetTags)) {
    if (!globMatches(pattern, id)) continue;
    for (const tag of tags) {
      const key = tagKey(tag);
      out[key] = tag.slice(key.length + 1);
    }
  }
  return out;
}

/** The entries of `targetTags` that match none of `ids`: a typo, or a target that is gone. */
export function unmatchedTargetTags(
  targetTags: Readonly<Record<string, readonly string[]>>,
  ids: readonly string[],
): string[] {
  return Object.keys(targetTags).filter((pattern) => !ids.some((id) => globMatches(pattern, id)));
}

function globMatches(pattern: string, id: string): boolean {
  return globMatcher([pattern])(id);
}
