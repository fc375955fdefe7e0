/**
 * The catalog self-check: every problem at once, so one run of the tests lists them all
 * (the OpenTelemetry Collector's mdatagen does the same).
 */
import { EVERY_GROUP, UNITS, type Catalog } from './model';

const METRIC_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const TAG_KEY = /^[a-z][a-z0-9_]*$/;
/** Datadog lower-cases tag values and turns most other characters into underscores. */
const TAG_VALUE = /^[a-z0-9_\-./:]+$/;
const DURATION = /^\d+(ms|s|m|h|d)$/;

export function checkCatalog(catalog: Catalog): string[] {
  const problems: string[] = [];
  const at = (what: string, problem: string) => problems.push(`${catalog.collector}: ${what}: ${problem}`);
  const names = new Set<string>();
  const usedTags = new Set<string>();
  const groupsWithMetrics = new Set<string>();
  const groupNames = new Set(catalog.groups.map((g) => g.name));

  for (const group of catalog.groups) {
    if (!DURATION.test(group.timeout))
      at(`group ${group.name}`, `timeout "${group.timeout}" is not a duration`);
    if (!group.description.trim()) at(`group ${group.name}`, 'missing description');
  }
  for (const m of catalog.metrics) {
    const where = `metric ${m.name}`;
    if (names.has(m.name)) at(where, 'declared twice');
    names.add(m.name);
    if (!METRIC_NAME.test(m.name)) at(where, 'name must be dotted lower-case ASCII (letters, digits, _)');
    if (m.name.length > 200) at(where, 'name longer than 200 characters');
    if (!m.name.startsWith(`${catalog.collector}.`))
      at(where, `name must start with "${catalog.collector}."`);
    if (!(m.unit in UNITS)) at(where, `unknown unit "${m.unit}"`);
    if (!m.description.trim()) at(where, 'missing description');
    if (m.group !== EVERY_GROUP && !groupNames.has(m.group)) {
      at(where, `group "${m.group}" is not declared in groups`);
    }
    if (m.group === EVERY_GROUP && m.tags.includes('group')) {
      at(where, 'the engine adds the "group" tag to metrics of every group; do not declare it');
    }
    groupsWithMetrics.add(m.group);
    for (const key of m.tags) {
      usedTags.add(key);
      if (!(key in catalog.tags)) at(where, `tag "${key}" is not declared in the tag dictionary`);
      if (key in catalog.targetTags)
        at(where, `tag "${key}" is a target tag; it is added to every point already`);
    }
    if (m.deprecated?.replacedBy && !catalog.metrics.some((o) => o.name === m.deprecated?.replacedBy)) {
      at(where, `replacedBy "${m.deprecated.replacedBy}" is not declared`);
    }
  }
  for (const [key, def] of [...Object.entries(catalog.tags), ...Object.entries(catalog.targetTags)]) {
    if (!TAG_KEY.test(key)) at(`tag ${key}`, 'key must be lower-case letters, digits and _');
    if (!def.description.trim()) at(`tag ${key}`, 'missing description');
    for (const v of def.values ?? []) {
      if (!TAG_VALUE.test(v)) at(`tag ${key}`, `value "${v}" is not a lower-case tag-safe value`);
    }
  }
  for (const key of Object.keys(catalog.tags)) {
    if (!usedTags.has(key)) at(`tag ${key}`, 'declared but used by no metric');
  }
  for (const g of groupNames) {
    if (!groupsWithMetrics.has(g)) at(`group ${g}`, 'declares no metric');
  }
  return problems;
}

export function assertCatalog(catalog: Catalog): void {
  const problems = checkCatalog(catalog);
  if (problems.length) throw new Error(`invalid metric catalog:\n  ${problems.join('\n  ')}`);
}
