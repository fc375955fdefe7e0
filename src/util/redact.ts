/**
 * Redaction of secret values and of credentials embedded in URLs. Every secret the resolver hands
 * out is registered here; logs and error messages pass through `redact` before they leave the process.
 */

const known = new Set<string>();

/** Values shorter than this are not worth masking (and would mangle ordinary text). */
const MIN_SECRET_LENGTH = 6;

export function registerSecret(value: string): void {
  if (value.length >= MIN_SECRET_LENGTH) known.add(value);
}

/** Replaces every known secret value and every `user:password@` in URLs with `***`. */
export function redact(text: string): string {
  let out = scrubUrlCredentials(text);
  for (const secret of known) {
    if (out.includes(secret)) out = out.split(secret).join('***');
  }
  return out;
}

/** `https://user:token@host/x` → `https://***@host/x`; also `?token=…`-style query credentials. */
export function scrubUrlCredentials(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi, '$1***@')
    .replace(/([?&](?:token|api_key|apikey|key|password|secret|access_token)=)[^&\s"']+/gi, '$1***');
}
