import { registry } from '../src/collectors/registry';
import { staleDocs } from '../src/docs/generated';
import { valuesComments } from '../src/docs/helm-values-table';
import { projectRoot } from '../src/util/paths';

test('the generated blocks of the committed docs match the catalogs', () => {
  const stale = [...staleDocs(projectRoot(), registry).keys()];
  if (stale.length) {
    throw new Error(
      `stale generated docs in ${stale.join(', ')}: run \`npm run docs\` and commit the result`,
    );
  }
});

test("the chart's values table takes each key's `# --` comment from values.yaml", () => {
  const values = [
    '# A header, apart from the keys.',
    '',
    '# -- Replaces the chart name.',
    "nameOverride: ''",
    'image:',
    '  # -- Image repository',
    '  # (built from the Dockerfile).',
    '  repository: x',
    '  tag: "" # no comment above: none',
    'temporal:',
    '  # taskQueue: prod  # a key left out, with a plain comment',
    '  # -- Existing Secret.',
    '  existingSecret: ""',
    '# -- Collectors, for example:',
    '#   github: { enabled: true }',
    'collectors: {}',
  ].join('\n');
  // The continuation line joins its `# --` line; an indented example line ends the comment.
  expect(Object.fromEntries(valuesComments(values))).toEqual({
    nameOverride: 'Replaces the chart name.',
    'image.repository': 'Image repository (built from the Dockerfile).',
    'temporal.existingSecret': 'Existing Secret.',
    collectors: 'Collectors, for example:',
  });
});
