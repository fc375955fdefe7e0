/**
 * How the GitHub collector reads an organization: each reading is a mode of the bench, measured on the
 * same dataset and slots. In both the org expands into its repos (`targets.orgs`, one paged listing at
 * plan time), and every repo is five units (pulls, commits, ci, branches, api).
 * - `changes`: the collector's default: the plan fingerprints every repo and prices the cycle against
 *   the token; the units of unchanged repos recompute from what their worker read before.
 * - `per-repo`: the reading before change detection and the budget planner: every unit reads its
 *   repo, every cycle (`changeDetection: false`, `planBudget: false`).
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
  /**
   * `personal`: the fake answers as a personal token, 5,000 of each an hour of slots (a planner
   * reads them); `unlimited`: it never refuses, so a reading that does not plan shows its demand.
   */
  readonly token: 'personal' | 'unlimited';
}

const list = (items: readonly string[]) => `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;

const orgSection =
  (options: readonly string[]): Reading['section'] =>
  ({ org, apiUrl, testWorkflows, benchmarkWorkflows }) => [
    "schedule: '*/15 * * * *'",
    `targets: { orgs: [{ name: ${org} }] }`,
    'options:',
    `  apiUrl: "${apiUrl}"`,
    `  testWorkflows: ${list(testWorkflows)}`,
    `  benchmarkWorkflows: ${list(benchmarkWorkflows)}`,
    ...options.map((o) => `  ${o}`),
  ];

const changes: Reading = {
  description:
    'change detection and the budget planner (the default): unchanged repos recompute from what their worker read',
  section: orgSection([]),
  units: (repos) => repos * GROUPS.length,
  token: 'personal',
};

const perRepo: Reading = {
  description: `per repo: every unit (${GROUPS.join(', ')} × repo) reads its repo every cycle`,
  section: orgSection(['changeDetection: false', 'planBudget: false']),
  units: (repos) => repos * GROUPS.length,
  token: 'unlimited',
};

export const READING_MODES = { changes, 'per-repo': perRepo } as const satisfies Record<string, Reading>;

export type ReadingName = keyof typeof READING_MODES;

export const READINGS = Object.keys(READING_MODES) as [ReadingName, ...ReadingName[]];

export function isReading(name: string): name is ReadingName {
  return Object.hasOwn(READING_MODES, name);
}
