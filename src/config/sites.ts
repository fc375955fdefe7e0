/**
 * Datadog sites. The API client builds its base URL as `https://api.<site>` from whatever site it is
 * given (`serverVariables.site`), so a site Datadog opens later works as soon as the config accepts it:
 * beside the documented list, any one-label name under Datadog's domains is taken.
 */

/** The sites Datadog documents. */
export const DATADOG_SITES = [
  'datadoghq.com',
  'us3.datadoghq.com',
  'us5.datadoghq.com',
  'datadoghq.eu',
  'ap1.datadoghq.com',
  'ap2.datadoghq.com',
  'uk1.datadoghq.com',
  'ddog-gov.com',
  'us2.ddog-gov.com',
] as const;

/** A documented site, or `<name>.` before one of Datadog's site domains (no lookahead: Helm's schema checker is RE2). */
export const DATADOG_SITE_PATTERN =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)?(?:datadoghq\.com|datadoghq\.eu|ddog-gov\.com)$/;

/** Hosts of a site that are not sites themselves, which operators paste from the browser or the docs. */
const NOT_SITES = ['app', 'api', 'www', 'docs'];

/** The site itself when `host` is one of its hosts (`app.datadoghq.eu` → `datadoghq.eu`). */
function siteOfHost(host: string): string | undefined {
  const [label, ...rest] = host.split('.');
  return NOT_SITES.includes(label!) && DATADOG_SITE_PATTERN.test(rest.join('.')) ? rest.join('.') : undefined;
}

/** Why `text` is not a site, in the operator's words; undefined when it is one. */
export function whyNotASite(text: string): string | undefined {
  // A URL or a host in capitals: say which site it names.
  const host = text
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/:].*$/, '');
  const site = siteOfHost(host) ?? (DATADOG_SITE_PATTERN.test(host) ? host : undefined);
  if (site === text) return undefined;
  if (host === text && site) return `"${text}" is a host of the site ${site}, not a site: set ${site}`;
  if (site) return `must be the site's name alone: ${site} (got "${text}"); a full URL goes in datadog.url`;
  return (
    `must be a Datadog site: ${DATADOG_SITES.join(', ')}, or another <name>.datadoghq.com, ` +
    `<name>.datadoghq.eu or <name>.ddog-gov.com (got "${text}"); a proxy or another endpoint goes in datadog.url`
  );
}
