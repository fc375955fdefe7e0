/**
 * The `collectors.wandb` section: `targets` (entities with named projects, or every project of the
 * entity filtered by globs) and `options`. Issue paths are relative to the section.
 *
 * ```yaml
 * collectors:
 *   wandb:
 *     targets:
 *       - entity: acme-ml
 *         projects: [llm-pretrain, rl-agents]
 *       - entity: research            # every project of the entity…
 *         include: ['exp-*']          # …matching one of these globs (default: all)
 *         exclude: ['*-scratch']
 *     options:
 *       baseUrl: https://wandb.example.com   # W&B Server; default env WANDB_BASE_URL, else https://api.wandb.ai
 *       bestMetrics: [{ key: accuracy, goal: max }, { key: loss, goal: min }]
 * ```
 */
import { z } from 'zod';

export const DEFAULT_BASE_URL = 'https://api.wandb.ai';

/** W&B entity and project names: letters, digits, `-`, `_`, `.` (what the W&B UI accepts). */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const DURATION = /^(\d+)(ms|s|m)$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000 } as const;
/** Datadog keeps tag values in lower case with these characters; the `key` tag carries the summary key. */
const TAG_SAFE = /^[a-z0-9_\-./:]+$/;

export function durationMs(text: string): number {
  const m = DURATION.exec(text);
  if (!m) throw new Error(`"${text}" is not a duration such as 30s`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

const name = (what: string) => z.string().regex(NAME, `must be a W&B ${what} name (letters, digits, - _ .)`);
const patterns = z
  .array(z.string().min(1))
  .describe('Globs on the project name (`*`, `?`), case-insensitive.');

const entityTarget = z
  .strictObject({
    entity: name('entity').describe('The team or user that owns the projects (the `entity` tag).'),
    projects: z
      .array(name('project'))
      .min(1, 'list at least one project, or leave projects out to take every project of the entity')
      .optional()
      .describe('Projects to collect. Default: every project of the entity that passes include/exclude.'),
    include: patterns
      .optional()
      .describe('With no projects listed: only projects matching one of these (default: all).'),
    exclude: patterns
      .optional()
      .describe('With no projects listed: leave out projects matching any of these.'),
  })
  .refine((t) => !(t.projects && (t.include || t.exclude)), {
    message: 'list projects, or filter every project of the entity with include/exclude, not both',
  });

const bestMetric = z.strictObject({
  key: z
    .string()
    .min(1)
    .max(100)
    .refine((k) => TAG_SAFE.test(k.toLowerCase()), {
      message: 'must be a summary key of letters, digits and _ - . / : (it becomes the tag key:<key>)',
    })
    .describe('A key of the runs’ summary (`wandb.summary`), e.g. `accuracy` or `eval/reward`.'),
  goal: z.enum(['max', 'min']).describe('Whether the best value is the largest or the smallest.'),
});

export const DEFAULT_BEST_METRICS = [
  { key: 'accuracy', goal: 'max' },
  { key: 'loss', goal: 'min' },
] as const;

export const settingsSchema = z.strictObject({
  targets: z
    .array(entityTarget)
    .min(1, 'list at least one entity: [{ entity: my-team, projects: [my-project] }]')
    .describe('Entities (teams or users) and their projects; a target is one project.'),
  options: z
    .strictObject({
      baseUrl: z
        .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
        .optional()
        .describe(
          'W&B Server (dedicated or self-managed) URL. Default: env WANDB_BASE_URL, else https://api.wandb.ai.',
        ),
      pageSize: z
        .number()
        .int()
        .min(10)
        .max(100)
        .default(100)
        .describe('Runs (and sweeps) per page of a listing; one request per page.'),
      requestTimeout: z
        .string()
        .regex(DURATION, 'must be a duration such as 30s (ms, s or m)')
        .refine((d) => durationMs(d) >= 1000 && durationMs(d) <= 120_000, 'must be between 1s and 2m')
        .default('30s')
        .describe('Longest wait for one GraphQL request.'),
      bestMetrics: z
        .array(bestMetric)
        .max(20, 'at most 20 summary keys (each is a series per project)')
        .refine((list) => new Set(list.map((m) => m.key.toLowerCase())).size === list.length, {
          message: 'each summary key once (keys are compared in lower case, as tags)',
        })
        .default(DEFAULT_BEST_METRICS.map((m) => ({ ...m })))
        .describe(
          'Summary keys whose best value among the runs finished in the window is reported, each with its goal.',
        ),
    })
    .prefault({})
    .describe('How the collector talks to W&B, and which summary keys it reports.'),
});

export type WandbSettings = z.output<typeof settingsSchema>;
export type EntityTarget = WandbSettings['targets'][number];
export type BestMetric = WandbSettings['options']['bestMetrics'][number];

/** `collectors collect wandb --project entity/name` (repeatable): projects without a config file. */
export function settingsFromFlags(flags: Readonly<Record<string, string[]>>) {
  const byEntity = new Map<string, string[]>();
  for (const path of flags.project ?? []) {
    const [entity = '', project = '', ...rest] = path.split('/');
    // Left for the schema to refuse with its message: `entity/` or `a/b/c` is no project path.
    const key = rest.length ? path : entity;
    byEntity.set(key, [...(byEntity.get(key) ?? []), project]);
  }
  return { targets: [...byEntity].map(([entity, projects]) => ({ entity, projects })) };
}
