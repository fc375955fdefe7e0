/**
 * The config as of now, for a long-running worker: the file is read again when it changes, so a
 * cycle always runs with the current file. An invalid edit fails the next cycles with the
 * validation message (and is logged once) instead of silently running the old config.
 */
import { statSync } from 'node:fs';
import { PermanentError } from '../errors';
import type { Registry } from '../collectors/types';
import { ConfigError, loadConfig, type Config } from '../config';
import type { Logger } from '../log';

export interface LiveConfig {
  current(): Config;
}

export function liveConfig(args: {
  path: string;
  registry: Registry;
  env?: NodeJS.ProcessEnv;
  log: Logger;
  initial: Config;
}): LiveConfig {
  let config = args.initial;
  let stamp = mtime(args.path);
  let failure: PermanentError | undefined;
  return {
    current() {
      const now = mtime(args.path);
      if (now !== stamp) {
        stamp = now;
        try {
          config = loadConfig({ path: args.path, env: args.env, registry: args.registry, required: true });
          failure = undefined;
          args.log.info('config reloaded', { path: args.path });
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          failure = new PermanentError(
            `the config file changed and is now invalid:\n${err.message}`,
            `correct ${args.path}; the next cycle reads it again`,
          );
          args.log.error('config file invalid; cycles fail until it is corrected', {
            path: args.path,
            error: err.message,
          });
        }
      }
      if (failure) throw failure;
      return config;
    },
  };
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}
