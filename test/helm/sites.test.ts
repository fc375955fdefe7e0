/** The chart takes every Datadog site the config takes, and refuses what is not one before install. */
import { parse } from 'yaml';
import { registry } from '../../src/collectors/registry';
import { DATADOG_SITES, parseConfig } from '../../src/config';
import { find, render, template } from './support';

test.each([...DATADOG_SITES, 'ap3.datadoghq.com'])(
  'datadog.site %s reaches the config file',
  async (site) => {
    const objects = await render([], [`datadog={"site":"${site}"}`]);
    const text = find(objects, 'ConfigMap').data!['collectors.yaml']!;
    const config = parseConfig(parse(text) as unknown, { env: {}, registry, source: 'ConfigMap' });
    expect(config.datadog).toMatchObject({ site, url: `https://api.${site}` });
  },
);

test('a host that is no Datadog site fails helm template, at the key', async () => {
  const r = await template([], ['datadog={"site":"datadog.com"}']);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain("at '/datadog/site': 'datadog.com' does not match pattern");
});
