/**
 * The `collectors.asana` section: `targets` (workspaces, each with named projects, or the
 * non-archived projects of the workspace or of named teams filtered by name globs) and `options`.
 * Issue paths are relative to the section.
 *
 * ```yaml
 * collectors:
 *   asana:
 *     targets:
 *       - workspace: '1209016784099267'
 *         projects: ['1210062854657778', '1210062854657801']
 *       - workspace: '1209016784099267'   # every non-archived project of these teams…
 *         teams: ['1209016784100012']
 *         include: ['Roadmap*']           # …whose name matches one of these globs (default: all)
 *         exclude: ['* (archive)']
 *     options:
 *       baseUrl: https://app.asana.com/api/1.0   # default: env ASANA_BASE_URL, else Asana's
 *       requestsPerMinute: 1500                  # a paid plan (default 150, the free plan's)
 *       priority: { field: Priority, high: [High, P0], medium: [Medium], low: [Low] }
 * ```
 */
import { z } from 'zod';
import { parseDuration } from '../../time/duration';

export const DEFAULT_BASE_URL = 'https://app.asana.com/api/1.0';
/** Asana's limit per token on its free plan (paid plans: 1,500). */
export const FREE_PLAN_REQUESTS_PER_MINUTE = 150;

/** Asana gids are decimal strings (16 digits and more today). */
const GID = /^[0-9]{1,32}$/;

const gid = (what: string) =>
  z
    .string({
      error: (issue) =>
        typeof issue.input === 'number'
          ? `write the ${what} gid in quotes: YAML reads a long number as a float that may lose digits`
          : `must be the ${what} gid, a string of digits`,
    })
    .regex(GID, `must be the ${what} gid, a string of digits (the number in the project's or team's URL)`);

const patterns = z
  .array(z.string().min(1))
  .describe('Globs on the project name (`*`, `?`), case-insensitive.');

const workspaceTarget = z
  .strictObject({
    workspace: gid('workspace').describe(
      'The workspace (or organization) gid; its name is the `workspace` tag.',
    ),
    projects: z
      .array(gid('project'))
      .min(1, 'list at least one project gid, or leave projects out to take the workspace’s projects')
      .optional()
      .describe(
        'Project gids to collect. Default: the non-archived projects of the workspace or of `teams`.',
      ),
    teams: z
      .array(gid('team'))
      .min(1, 'list at least one team gid, or leave teams out to take every project of the workspace')
      .optional()
      .describe('With no projects listed: only the non-archived projects of these teams.'),
    include: patterns
      .optional()
      .describe('With no projects listed: only projects whose name matches one of these (default: all).'),
    exclude: patterns
      .optional()
      .describe('With no projects listed: leave out projects whose name matches any of these.'),
  })
  .refine((t) => !(t.projects && (t.teams || t.include || t.exclude)), {
    message: 'list projects, or select them by teams and include/exclude, not both',
  });

const values = (what: string, defaults: string[]) =>
  z
    .array(z.string().min(1))
    .min(1)
    .default(defaults)
    .describe(`Option names of the priority field counted as ${what} (case-insensitive).`);

export const settingsSchema = z.strictObject({
  targets: z
    .array(workspaceTarget)
    .min(1, "list at least one workspace: [{ workspace: '123…', projects: ['456…'] }]")
    .describe('Workspaces and their projects; a target is one project.'),
  options: z
    .strictObject({
      baseUrl: z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
        .optional()
        .describe('The Asana API base URL. Default: env ASANA_BASE_URL, else https://app.asana.com/api/1.0.'),
      requestTimeout: z
        .string()
        .refine((d) => {
          try {
            const ms = parseDuration(d);
            return ms >= 1000 && ms <= 120_000;
          } catch {
            return false;
          }
        }, 'must be a duration between 1s and 2m, such as 30s')
        .default('30s')
        .describe('Longest wait for one request.'),
      requestsPerMinute: z
        .number()
        .int()
        .min(10)
        .max(1500)
        .default(FREE_PLAN_REQUESTS_PER_MINUTE)
        .describe(
          "Asana's request limit per minute for the token: 150 on the free plan (the default), 1500 on paid plans. The rate budget of the units follows it (workers read it when they start).",
        ),
      priority: z
        .strictObject({
          field: z
            .string()
            .min(1)
            .default('Priority')
            .describe('Name of the enum custom field that holds the priority (case-insensitive).'),
          high: values('high', ['High']),
          medium: values('medium', ['Medium']),
          low: values('low', ['Low']),
        })
        .prefault({})
        .refine(
          (p) => {
            const all = [...p.high, ...p.medium, ...p.low].map((v) => v.toLowerCase());
            return new Set(all).size === all.length;
          },
          { message: 'an option name may map to one level only' },
        )
        .describe(
          'The enum custom field read for tasks.{high,medium,low}_priority, and its options per level.',
        ),
    })
    .prefault({})
    .describe('How the collector talks to Asana, and which field holds the priority.'),
});

export type AsanaSettings = z.output<typeof settingsSchema>;
export type WorkspaceTarget = AsanaSettings['targets'][number];
export type PrioritySettings = AsanaSettings['options']['priority'];

/** `collectors collect asana --project <workspace gid>/<project gid>` (repeatable). */
export function settingsFromFlags(flags: Readonly<Record<string, string[]>>) {
  const byWorkspace = new Map<string, string[]>();
  for (const path of flags.project ?? []) {
    const [workspace = '', project = '', ...rest] = path.split('/');
    // Left for the schema to refuse with its message: `123/` or `a/b/c` is no project path.
    const key = rest.length ? path : workspace;
    byWorkspace.set(key, [...(byWorkspace.get(key) ?? []), project]);
  }
  return { targets: [...byWorkspace].map(([workspace, projects]) => ({ workspace, projects })) };
}
