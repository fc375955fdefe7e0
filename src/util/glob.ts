/**
 * Name globs, as targets and `targetTags` are written: `*` any run of characters, `?` one character,
 * case-insensitive (GitHub ids are lower-cased; operators write them as the service shows them).
 */
export function globMatcher(patterns: readonly string[]): (name: string) => boolean {
  const regexes = patterns.map((p) => new RegExp(`^${p.split('*').map(literalWithQ).join('.*')}$`, 'i'));
  return (name) => regexes.some((r) => r.test(name));
}

function literalWithQ(part: string): string {
  return part
    .split('?')
    .map((s) => s.replace(/[.+^${}()|[\]\\/-]/g, '\\$&'))
    .join('.');
}

/** Whether a name is chosen: it matches an include (or there are none) and no exclude. */
export function selectByName(
  name: string,
  filter: { include?: readonly string[]; exclude?: readonly string[] },
): boolean {
  const included = !filter.include?.length || globMatcher(filter.include)(name);
  return included && !(filter.exclude?.length && globMatcher(filter.exclude)(name));
}
