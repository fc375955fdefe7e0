/**
 * `collectors dev` cannot start as asked (a port in use, another `collectors dev` on this folder):
 * the operator has to change something, so no retry helps. The CLI ends with its usage exit code.
 */
export class DevSetupError extends Error {
  override readonly name = 'DevSetupError';
}

/** Whatever was thrown, as an Error (a rejection may carry anything). */
export function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
