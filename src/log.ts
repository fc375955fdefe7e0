/**
 * Structured logs: one JSON object per line on stderr (stdout is kept for command output such as
 * `collect --json`). Every line passes through the redactor, so a secret that reached a message
 * or an attribute by mistake is still never written.
 */
import { redact } from './util/redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogAttrs = Record<string, unknown>;

export interface Logger {
  debug(message: string, attrs?: LogAttrs): void;
  info(message: string, attrs?: LogAttrs): void;
  warn(message: string, attrs?: LogAttrs): void;
  error(message: string, attrs?: LogAttrs): void;
  child(attrs: LogAttrs): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go; defaults to stderr. */
  write?: (line: string) => void;
  attrs?: LogAttrs;
}

export function parseLogLevel(value: string | undefined): LogLevel {
  const v = (value ?? 'info').toLowerCase();
  if (v in ORDER) return v as LogLevel;
  throw new Error(`LOG_LEVEL must be one of debug, info, warn, error (got "${value}")`);
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? parseLogLevel(process.env.LOG_LEVEL);
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const base = options.attrs ?? {};
  const emit = (lvl: LogLevel, message: string, attrs?: LogAttrs) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const record = { time: new Date().toISOString(), level: lvl, msg: message, ...base, ...attrs };
    write(redact(JSON.stringify(record, errorReplacer)));
  };
  return {
    debug: (m, a) => emit('debug', m, a),
    info: (m, a) => emit('info', m, a),
    warn: (m, a) => emit('warn', m, a),
    error: (m, a) => emit('error', m, a),
    child: (attrs) => createLogger({ level, write, attrs: { ...base, ...attrs } }),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

/**
 * A logger that writes a repeated line (same level and message) at most once per `windowMs`: the
 * next one written after the window says how many were held back (`repeated`). For sources that
 * repeat themselves while something is down (a client retrying, a poller reconnecting).
 */
export function throttledLogger(log: Logger, windowMs = 60_000, now: () => number = Date.now): Logger {
  const seen = new Map<string, { until: number; held: number }>();
  const emit = (level: LogLevel) => (message: string, attrs?: LogAttrs) => {
    const key = `${level}\u0000${message}`;
    const t = now();
    const entry = seen.get(key);
    if (entry && t < entry.until) {
      entry.held++;
      return;
    }
    if (seen.size >= 1_000) for (const [k, e] of seen) if (e.until <= t) seen.delete(k);
    seen.set(key, { until: t + windowMs, held: 0 });
    log[level](message, entry?.held ? { ...attrs, repeated: entry.held } : attrs);
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (attrs) => throttledLogger(log.child(attrs), windowMs, now),
  };
}

/** A logger that keeps its lines in memory, for tests. */
export function memoryLogger(level: LogLevel = 'debug'): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger({ level, write: (l) => lines.push(l) }), { lines });
}
