/**
 * `collectors.skypilot` in config: the API servers to read (targets) and how to talk to them (options).
 *
 * ```yaml
 * collectors:
 *   skypilot:
 *     targets:
 *       - name: prod                      # the skypilot_server tag
 *         url: https://skypilot.example.com  # optional: env SKYPILOT_API_URL / secret skypilot/api-url
 *     options:
 *       requestTimeout: 30s
 *       pageSize: 1000
 * ```
 */
import { z } from 'zod';
import type { CollectorFlag, CollectorSettingsInput } from '../types';

const DURATION = /^(\d+)(ms|s|m)$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000 } as const;

export function durationMs(text: string): number {
  const m = DURATION.exec(text);
  if (!m) throw new Error(`"${text}" is not a duration such as 30s`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

const serverSchema = z.strictObject({
  name: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9_.-]{0,62}$/,
      'must be lower-case letters, digits, _ . - (it becomes a tag value)',
    )
    .describe('Name of the server; every point carries it as the tag skypilot_server.'),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .optional()
    .describe('API server URL. Default: env SKYPILOT_API_URL, else the secret skypilot/api-url.'),
  urlSecret: z
    .string()
    .min(1)
    .optional()
    .describe('Secret holding the URL of this server, instead of skypilot/api-url.'),
  tokenSecret: z
    .string()
    .min(1)
    .optional()
    .describe('Secret holding the service-account token of this server, instead of skypilot/api-key.'),
});

export const settingsSchema = z.strictObject({
  targets: z
    .array(serverSchema)
    .min(1, 'list at least one SkyPilot API server')
    .refine(
      (servers) => new Set(servers.map((s) => s.name)).size === servers.length,
      'server names must be unique',
    )
    .describe('SkyPilot API servers, one target each.'),
  options: z
    .strictObject({
      requestTimeout: z
        .string()
        .regex(DURATION, 'must be a duration such as 30s (ms, s or m)')
        .refine((d) => durationMs(d) >= 1000 && durationMs(d) <= 120_000, 'must be between 1s and 2m')
        .default('30s')
        .describe(
          'Longest wait for one API request (its POST and its result); a request still pending is cancelled.',
        ),
      pageSize: z
        .number()
        .int()
        .min(10)
        .max(10_000)
        .default(1000)
        .describe(
          'Top-level managed jobs per page of /jobs/queue/v2 (a job group or pipeline is one, with all its rows); one POST and one GET per page.',
        ),
      concurrency: z
        .number()
        .int()
        .min(1)
        .max(8)
        .default(4)
        .describe('Pages requested at once after the first.'),
    })
    .prefault({})
    .describe('How the collector talks to the API servers.'),
});

export type SkyPilotSettings = z.output<typeof settingsSchema>;
export type ServerSettings = SkyPilotSettings['targets'][number];

/** `collectors collect skypilot --server name [--url URL]`: one server, replacing the configured ones. */
export const skypilotFlags: readonly CollectorFlag[] = [
  {
    name: 'server',
    value: 'name',
    description: 'collect this API server (its skypilot_server tag)',
    setsTargets: true,
  },
  {
    name: 'url',
    value: 'url',
    description: "the server's URL (default: env SKYPILOT_API_URL, else the secret skypilot/api-url)",
  },
];

export function settingsFromFlags(flags: Readonly<Record<string, string[]>>): CollectorSettingsInput {
  const name = flags.server?.[0];
  if (name === undefined) return {};
  const url = flags.url?.[0];
  return { targets: [{ name, ...(url ? { url } : {}) }] };
}
