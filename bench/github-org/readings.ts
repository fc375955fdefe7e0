/**
 * How the GitHub collector reads an organization: each reading is a mode of the bench, measured on the
 * same deployment, dataset and slots. `per-repo` is today's: the org expands into its repos
 * (`targets.orgs`, one paged listing at plan time), and every repo is five units (pulls, commits, ci,
 * branches, api), each reading that repo alone.
 */
import { GROUPS } from '../../src/collectors/github/catalog';

export interface Reading {
  readonly description: string;
  /** The `collectors.github` section for the organization `org` of the fake at `apiUrl` (YAML lines, unindented). */
  section(args: {
    org: string;
    apiUrl: string;
    testWorkflows: readonly string[];
    benchmarkWorkflows: readonly string[];
  }): string[];
  /** Units of one cycle over `repos` repos, for the progress and the estimate. */
  units(repos: number): number;
}

const list = (items: readonly string[]) => `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;

const perRepo: Reading = {
  description: `per repo: the org expands into its repos, one unit per group (${GROUPS.join(', ')}) × repo`,
  section: ({ org, apiUrl, testWorkflows, benchmarkWorkflows }) => [
    "schedule: '*/15 * * * *'",
    `targets: { orgs: [{ name: ${org} }] }`,
    'options:',
    `  apiUrl: "${apiUrl}"`,
    `  testWorkflows: ${list(testWorkflows)}`,
    `  benchmarkWorkflows: ${list(benchmarkWorkflows)}`,
  ],
  units: (repos) => repos * GROUPS.length,
};

export const READING_MODES = { 'per-repo': perRepo } as const satisfies Record<string, Reading>;

export type ReadingName = keyof typeof READING_MODES;

export const READINGS = Object.keys(READING_MODES) as [ReadingName, ...ReadingName[]];

export function isReading(name: string): name is ReadingName {
  return Object.hasOwn(READING_MODES, name);
}
