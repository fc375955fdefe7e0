/**
 * Values the chart must refuse, before anything reaches the cluster: `helm template` and
 * `helm lint --strict` both fail and name the key and the reason (values.schema.json's verdict, or
 * the chart's own check where a schema can't say it).
 */
import { lint, template, type Run } from './support';

interface Case {
  readonly what: string;
  /** One `--set-json key=value`, or several. */
  readonly setJson: string | readonly string[];
  readonly message: string;
  /** The chart's own `fail`: helm lint only logs it (lint renders with incomplete values on purpose). */
  readonly templateCheck?: true;
}

const CASES: readonly Case[] = [
  {
    what: 'a schedule that is neither a cron expression nor an interval',
    setJson: 'collectors={"github":{"schedule":"every 15 minutes"}}',
    message: "at '/collectors/github/schedule': 'every 15 minutes' does not match pattern",
  },
  {
    what: 'a cron expression with 4 fields',
    setJson: 'collectors={"skypilot":{"schedule":"*/15 * * *"}}',
    message: "at '/collectors/skypilot/schedule': '*/15 * * *' does not match pattern",
  },
  {
    what: 'a collector that is not implemented',
    setJson: 'collectors={"jira":{"enabled":true}}',
    message: "at '/collectors': additional properties 'jira' not allowed",
  },
  {
    what: 'a negative replica count',
    setJson: 'replicas=-1',
    message: "at '/replicas': minimum: got -1, want 0",
  },
  {
    what: 'an unknown key (a typo)',
    setJson: 'replica=2',
    message: "at '': additional properties 'replica' not allowed",
  },
  {
    what: 'a secret value in values',
    setJson: 'datadog={"apiKey":"0123456789abcdef"}',
    message: "at '/datadog': additional properties 'apiKey' not allowed",
  },
  {
    what: 'a duration the config would refuse',
    setJson: 'secrets={"ttl":"5 minutes"}',
    message: "at '/secrets/ttl': '5 minutes' does not match pattern",
  },
  {
    what: 'a unit timeout the pod would not be given time to finish',
    setJson: 'collectors={"github":{"groups":{"ci":{"timeout":"8m"}}}}',
    message:
      'terminationGracePeriodSeconds (330) must exceed collectors.github.groups.ci.timeout (8m): the worker ' +
      'lets running units finish before it exits. Raise it to at least 510.',
    templateCheck: true,
  },
  {
    what: 'an image tag that cannot be the version tag (capitals)',
    setJson: 'image={"tag":"Release-2"}',
    message:
      'image.tag: the version tag would be "Release-2", which is not both a lower-case Datadog tag value and a ' +
      'Kubernetes label value (at most 63 letters, digits, - _ ., starting and ending with a letter or digit); ' +
      'set datadog.version',
    templateCheck: true,
  },
  {
    what: 'a version the config would refuse',
    setJson: 'datadog={"version":"1.0+build"}',
    message: "at '/datadog/version': '1.0+build' does not match pattern",
  },
  {
    what: 'a tag that is not key:value in lower case',
    setJson: 'datadog={"tags":["Team:Platform"]}',
    message: "at '/datadog/tags/0': 'Team:Platform' does not match pattern",
  },
  {
    what: 'the Autodiscovery check without the metrics endpoint',
    setJson: ['metrics={"autodiscovery":{"enabled":true}}', 'worker={"metricsPort":0}'],
    message: 'metrics.autodiscovery.enabled needs the metrics endpoint: set worker.metricsPort above 0',
    templateCheck: true,
  },
];

const results = new Map<string, { template: Run; lint: Run }>();

beforeAll(async () => {
  await Promise.all(
    CASES.map(async (c) => {
      const setJson = typeof c.setJson === 'string' ? [c.setJson] : c.setJson;
      const [t, l] = await Promise.all([template([], setJson), lint([], setJson)]);
      results.set(c.what, { template: t, lint: l });
    }),
  );
});

describe.each(CASES)('$what', ({ what, message, templateCheck }) => {
  it('fails helm template with that message', () => {
    const { template: t } = results.get(what)!;
    expect(t.code).not.toBe(0);
    expect(t.stderr).toContain(message);
  });

  const lintTitle = templateCheck
    ? 'is printed by helm lint --strict (lint only logs a template fail)'
    : 'fails helm lint --strict with that message';
  it(lintTitle, () => {
    const { lint: l } = results.get(what)!;
    if (!templateCheck) expect(l.code).not.toBe(0);
    expect(l.stdout + l.stderr).toContain(message);
  });
});
