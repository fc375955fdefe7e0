/**
 * Every accepted Datadog site reaches `https://api.<site>`: both ways the sink can be pointed at a
 * site (the client's own `site` server variable, and the URL the config derives, which the commands
 * pass). The transport records the URL the client built and hands the request to the loopback intake.
 */
import { DATADOG_SITES, parseConfig } from '../../src/config';
import { createDatadogSink } from '../../src/datadog/datadog-sink';
import { startFakeIntake, type FakeIntake } from '../../src/fakes/datadog/intake';
import { memoryLogger } from '../../src/log';
import { testRegistry } from '../config/test-collector';

const TS = 1_767_225_600; // 2026-01-01T00:00:00Z
const NOW = Date.UTC(2026, 0, 1, 0, 5);

let intake: FakeIntake;
let urls: string[];
beforeEach(async () => {
  intake = await startFakeIntake();
  urls = [];
});
afterEach(() => intake.close());

/** Records each request's URL, then sends it to the intake instead of the internet. */
const toIntake: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  urls.push(url.href);
  return fetch(`${intake.url}${url.pathname}${url.search}`, init);
};

async function send(target: { site?: string; url?: string }, value: number): Promise<void> {
  const sink = createDatadogSink({
    apiKey: intake.apiKey,
    ...target,
    log: memoryLogger(),
    now: () => NOW,
    fetch: toIntake,
  });
  const point = { metric: 'test.value', type: 'gauge' as const, value, timestamp: TS, tags: ['env:test'] };
  await sink.submit([point], { deadline: new Date(NOW + 60_000) });
  await sink.checkCredentials?.();
}

const SITES = [...DATADOG_SITES, 'ap3.datadoghq.com'];

test.each(SITES)('%s: the client sends to https://api.<site>', async (site) => {
  await send({ site }, 1);
  expect(urls).toEqual([`https://api.${site}/api/v2/series`, `https://api.${site}/api/v1/validate`]);
  expect(intake.series.map((s) => s.points[0]?.value)).toEqual([1]);
});

test.each(SITES)('%s: the URL the config derives from the site is the same', async (site) => {
  const config = parseConfig({ datadog: { site } }, { env: {}, registry: testRegistry, source: 'c.yaml' });
  await send({ site: config.datadog.site, url: config.datadog.url }, 2);
  expect(urls).toEqual([`https://api.${site}/api/v2/series`, `https://api.${site}/api/v1/validate`]);
  expect(intake.series.map((s) => s.points[0]?.value)).toEqual([2]);
});
