/** Progress lines go to stderr, so stdout holds only the table. */
export function progressOf(label: string): (line: string) => void {
  return (line) => process.stderr.write(`[${label}] ${line}\n`);
}
