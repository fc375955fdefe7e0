/**
 * What every HTTP client of a collector does with an answer or a failure: parse a body that may not
 * be JSON, shorten a body for a log line, name a network failure, and check a configured base URL.
 */
import { PermanentError } from '../../errors';

/** The body as JSON, or undefined when it is empty or not JSON (a proxy's HTML page). */
export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A body fit for one log line: an HTML error page becomes its words, at most 200 characters. */
export function brief(text: string | undefined): string {
  const words = (text ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return words.length > 200 ? `${words.slice(0, 199)}…` : words;
}

/** Why fetch failed, as its cause says (`ECONNREFUSED`, `ENOTFOUND`, …). */
export function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/**
 * The base URL of a service: the option, else the environment variable, else the service's own.
 * Anything but an http(s) URL is a permanent error that says how to fix it.
 */
export function baseUrlFrom(spec: {
  readonly option: string | undefined;
  readonly variable: string;
  readonly env: NodeJS.ProcessEnv;
  readonly fallback: string;
  /** How to fix a bad one: what the URL must be. */
  readonly fix: string;
}): string {
  const url = spec.option ?? (spec.env[spec.variable]?.trim() || spec.fallback);
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new PermanentError(`${spec.variable} "${url}" is not an http(s) URL`, spec.fix);
  }
  return url;
}
