/**
 * JSON text laid out as `prettier --check` expects it (prettier's API can't run under jest, where the
 * generated files are checked): JSON.stringify's layout, with arrays of plain values on one line when
 * they fit the print width.
 */
const PRINT_WIDTH = 110; // .prettierrc.json

export function prettierJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  const primitive = String.raw`(?:"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)`;
  const multiLineArray = new RegExp(String.raw`^( *)(.*)\[\n((?: *${primitive},?\n)+) *\](,?)$`, 'gm');
  return (
    text.replace(multiLineArray, (whole, indent: string, head: string, items: string, comma: string) => {
      const values = items
        .split('\n')
        .map((l) => l.trim().replace(/,$/, ''))
        .filter(Boolean);
      const line = `${indent}${head}[${values.join(', ')}]${comma}`;
      return line.length <= PRINT_WIDTH ? line : whole;
    }) + '\n'
  );
}
