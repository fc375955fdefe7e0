/** The flag parsing the benches share: strict `parseArgs` with --help/-h, and integer flags in a range. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
const HELP = { help: { type: 'boolean', short: 'h', default: false } } as const;
type Config<O extends Options> = { args: string[]; options: O & typeof HELP; strict: true };
type Values<O extends Options> = ReturnType<typeof parseArgs<Config<O>>>['values'];

/** The flags' values, or 'help' for --help/-h; throws on an unknown flag or a missing value. */
export function parseFlags<const O extends Options>(argv: readonly string[], options: O): Values<O> | 'help' {
  const { values } = parseArgs<Config<O>>({
    args: [...argv],
    options: { ...options, ...HELP },
    strict: true,
  });
  return (values as { help?: boolean }).help ? 'help' : values;
}

/** `text` as an integer from `min` to `max`; throws naming `--name` otherwise. */
export function intFlag(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`--${name} must be an integer from ${min} to ${max} (got "${text}")`);
  }
  return n;
}
