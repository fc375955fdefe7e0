import { ConfigError, DATADOG_SITES, parseConfig } from '../../src/config';
import { testRegistry } from './test-collector';

const parse = (site: string, env: NodeJS.ProcessEnv = {}) =>
  parseConfig({ datadog: { site } }, { env, registry: testRegistry, source: 'c.yaml' });

function error(site: string): string {
  try {
    parse(site);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error(`${site} was accepted`);
}

test('every documented site is accepted, and points go to api.<site>', () => {
  expect(DATADOG_SITES).toEqual([
    'datadoghq.com',
    'us3.datadoghq.com',
    'us5.datadoghq.com',
    'datadoghq.eu',
    'ap1.datadoghq.com',
    'ap2.datadoghq.com',
    'uk1.datadoghq.com',
    'ddog-gov.com',
    'us2.ddog-gov.com',
  ]);
  for (const site of DATADOG_SITES) {
    expect(parse(site).datadog).toMatchObject({ site, url: `https://api.${site}` });
  }
});

test('a site Datadog opens later, under one of its domains, is accepted too (DD_SITE as well)', () => {
  expect(parse('ap3.datadoghq.com').datadog.url).toBe('https://api.ap3.datadoghq.com');
  expect(parse('eu2.datadoghq.eu').datadog.url).toBe('https://api.eu2.datadoghq.eu');
  expect(parse('datadoghq.com', { DD_SITE: 'us4.ddog-gov.com' }).datadog.url).toBe(
    'https://api.us4.ddog-gov.com',
  );
});

test('a host of a site, or a URL, is refused with the site to set instead', () => {
  expect(error('app.datadoghq.com')).toBe(
    'c.yaml: datadog.site: "app.datadoghq.com" is a host of the site datadoghq.com, not a site: set datadoghq.com',
  );
  expect(error('api.us5.datadoghq.com')).toBe(
    'c.yaml: datadog.site: "api.us5.datadoghq.com" is a host of the site us5.datadoghq.com, not a site: set us5.datadoghq.com',
  );
  expect(error('https://app.datadoghq.eu/')).toBe(
    `c.yaml: datadog.site: must be the site's name alone: datadoghq.eu (got "https://app.datadoghq.eu/"); a full URL goes in datadog.url`,
  );
  expect(error('UK1.datadoghq.com')).toBe(
    `c.yaml: datadog.site: must be the site's name alone: uk1.datadoghq.com (got "UK1.datadoghq.com"); a full URL goes in datadog.url`,
  );
});

test('anything else is refused with the list of sites', () => {
  const list = DATADOG_SITES.join(', ');
  for (const site of ['datadog.com', 'a.b.datadoghq.com', 'datadoghq.com.evil.example', '']) {
    expect(error(site)).toBe(
      `c.yaml: datadog.site: must be a Datadog site: ${list}, or another <name>.datadoghq.com, ` +
        `<name>.datadoghq.eu or <name>.ddog-gov.com (got "${site}"); a proxy or another endpoint goes in datadog.url`,
    );
  }
});
