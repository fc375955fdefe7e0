/** The `collectors.asana` section: what it accepts, its defaults, and the messages of what it refuses. */
import { settingsFromFlags, settingsSchema } from '../../../src/collectors/asana/settings';

const issues = (input: unknown) => {
  const result = settingsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

it('fills the defaults', () => {
  expect(settingsSchema.parse({ targets: [{ workspace: '100' }] }).options).toEqual({
    requestTimeout: '30s',
    requestsPerMinute: 150,
    priority: { field: 'Priority', high: ['High'], medium: ['Medium'], low: ['Low'] },
  });
});

it('refuses what cannot work, saying why', () => {
  expect(issues({ targets: [] })).toEqual([
    "targets: list at least one workspace: [{ workspace: '123…', projects: ['456…'] }]",
  ]);
  expect(issues({ targets: [{ workspace: 1209016784099267 }] })).toEqual([
    'targets.0.workspace: write the workspace gid in quotes: YAML reads a long number as a float that may lose digits',
  ]);
  expect(issues({ targets: [{ workspace: '100', projects: ['12a'] }] })).toEqual([
    "targets.0.projects.0: must be the project gid, a string of digits (the number in the project's or team's URL)",
  ]);
  expect(issues({ targets: [{ workspace: '100', projects: ['1'], include: ['x*'] }] })).toEqual([
    'targets.0: list projects, or select them by teams and include/exclude, not both',
  ]);
  expect(issues({ targets: [{ workspace: '100' }], options: { requestTimeout: '5m' } })).toEqual([
    'options.requestTimeout: must be a duration between 1s and 2m, such as 30s',
  ]);
  expect(
    issues({ targets: [{ workspace: '100' }], options: { priority: { high: ['P0'], low: ['p0'] } } }),
  ).toEqual(['options.priority: an option name may map to one level only']);
});

it('turns --project workspace/project flags into targets', () => {
  expect(settingsFromFlags({ project: ['100/1001', '100/1002', '200/2001'] })).toEqual({
    targets: [
      { workspace: '100', projects: ['1001', '1002'] },
      { workspace: '200', projects: ['2001'] },
    ],
  });
  expect(issues(settingsFromFlags({ project: ['100'] }))).toEqual([
    "targets.0.projects.0: must be the project gid, a string of digits (the number in the project's or team's URL)",
  ]);
});
