/**
 * README metric tables, generated from the catalogs and kept between markers:
 *   <!-- BEGIN GENERATED: name -->  …  <!-- END GENERATED: name -->
 * `npm run docs` rewrites them; a test fails when a committed README is out of date.
 */
import { EVERY_GROUP, UNITS, type Catalog, type MetricDef } from './model';

export function metricTable(catalog: Catalog, footnote?: string): string {
  return [
    '| metric | group | unit | tags | B | description |',
    '|---|---|---|---|---|---|',
    ...catalogListing(catalog).map(markdownRow),
    '',
    footnote ??
      `B: can be backfilled (a truthful value for a past \`asOf\`). ${commonTagsSentence(catalog, '`')}`,
  ].join('\n');
}

/**
 * The tags every point of the catalog carries besides its own, as one sentence; `quote` wraps each
 * key (a backtick for Markdown, nothing for a terminal).
 */
export function commonTagsSentence(catalog: Catalog, quote = ''): string {
  const q = (text: string) => `${quote}${text}${quote}`;
  const keys = Object.keys(catalog.targetTags);
  const target = keys.length ? `the target tags ${keys.map(q).join(', ')}` : 'no target tags';
  const common =
    `Every point also carries ${q(`collector:${catalog.collector}`)}, ${q('env')}, ${q('service')}, ` +
    `${q('version')}, the configured tags (${q('datadog.tags')}, ${q('targetTags')}) and ${target}`;
  const rollup = catalog.rollup;
  if (!rollup) return `${common}.`;
  return (
    `${common}; a roll-up metric (${q(`${catalog.collector}.${rollup.key}.…`)}) carries only ${q(rollup.key)} ` +
    `of them (no ${q('targetTags')}), and describes ${rollup.description} at once.`
  );
}

/** One metric as the docs and `collectors list <collector>` show it. */
export interface MetricListing {
  readonly name: string;
  /** The emitting group, `every group` for a metric of every group. */
  readonly group: string;
  readonly type: MetricDef['type'];
  /** The unit as the docs write it (`count`, `seconds`, `%`). */
  readonly unit: string;
  /** The point's own tag keys, each with its values when the set is closed. */
  readonly tags: readonly { readonly key: string; readonly values?: readonly string[] }[];
  readonly backfill: boolean;
  readonly description: string;
  readonly deprecated?: { readonly since: string; readonly replacedBy?: string };
}

export function metricListing(catalog: Catalog, m: MetricDef): MetricListing {
  const every = m.group === EVERY_GROUP;
  const tags = [...m.tags, ...(every ? ['group'] : [])].map((key) => {
    const values = every && key === 'group' ? catalog.groups.map((g) => g.name) : catalog.tags[key]?.values;
    return values ? { key, values } : { key };
  });
  return {
    name: m.name,
    group: every ? 'every group' : m.group,
    type: m.type,
    unit: UNITS[m.unit].label,
    tags,
    backfill: m.backfill,
    description: m.description,
    ...(m.deprecated
      ? {
          deprecated: {
            since: m.deprecated.since,
            ...(m.deprecated.replacedBy ? { replacedBy: m.deprecated.replacedBy } : {}),
          },
        }
      : {}),
  };
}

/** Every metric of a catalog, by group in the catalog's order, metrics of every group last. */
export function catalogListing(catalog: Catalog): MetricListing[] {
  return [...catalog.groups.map((g) => g.name), EVERY_GROUP].flatMap((group) =>
    catalog.metrics.filter((m) => m.group === group).map((m) => metricListing(catalog, m)),
  );
}

/** The tags cell: each key, with its values when the set is closed; `quote` as in commonTagsSentence. */
export function tagsText(listing: MetricListing, quote = ''): string {
  return listing.tags
    .map(({ key, values }) => `${quote}${key}${quote}${values ? ` (${values.join(', ')})` : ''}`)
    .join(', ');
}

/** The description, led by the deprecation notice when there is one; `strong` marks the notice. */
export function descriptionText(listing: MetricListing, strong = '', quote = ''): string {
  const d = listing.deprecated;
  if (!d) return listing.description;
  const use = d.replacedBy ? `, use ${quote}${d.replacedBy}${quote}` : '';
  return `${strong}Deprecated since ${d.since}${strong}${use}. ${listing.description}`;
}

export function metricRow(catalog: Catalog, m: MetricDef): string {
  return markdownRow(metricListing(catalog, m));
}

function markdownRow(l: MetricListing): string {
  return `| \`${l.name}\` | ${l.group} | ${l.unit} | ${tagsText(l, '`') || '–'} | ${l.backfill ? 'B' : ''} | ${escapeCell(descriptionText(l, '**', '`'))} |`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Replaces the content between the named markers; throws when the markers are missing. */
export function replaceGenerated(document: string, name: string, content: string): string {
  const begin = `<!-- BEGIN GENERATED: ${name} -->`;
  const end = `<!-- END GENERATED: ${name} -->`;
  const i = document.indexOf(begin);
  const j = document.indexOf(end);
  if (i < 0 || j < i) throw new Error(`markers "${begin}" … "${end}" not found`);
  return `${document.slice(0, i + begin.length)}\n${content.trim()}\n${document.slice(j)}`;
}
