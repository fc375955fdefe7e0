/**
 * One field of a cron expression, read as Temporal reads it: `*`, `n`, `a-b`, any of them with
 * `/step` (`n/step` runs to the maximum), comma lists, and month or day-of-week names.
 */

export interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names accepted as values, index = value - namesFrom; prefixes of `minPrefix`+ letters match. */
  readonly names?: readonly string[];
  readonly namesFrom?: number;
  readonly minPrefix?: number;
}

export const SECOND: FieldSpec = { name: 'second', min: 0, max: 59 };
export const MINUTE: FieldSpec = { name: 'minute', min: 0, max: 59 };
export const HOUR: FieldSpec = { name: 'hour', min: 0, max: 23 };
export const DAY_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31 };
export const MONTH: FieldSpec = {
  name: 'month',
  min: 1,
  max: 12,
  names: 'january february march april may june july august september october november december'.split(' '),
  namesFrom: 1,
  minPrefix: 3,
};
// 0 and 7 are both Sunday.
export const DAY_OF_WEEK: FieldSpec = {
  name: 'day-of-week',
  min: 0,
  max: 7,
  names: 'sunday monday tuesday wednesday thursday friday saturday'.split(' '),
  namesFrom: 0,
  minPrefix: 2,
};
// Temporal's calendar covers these years.
export const YEAR: FieldSpec = { name: 'year', min: 2000, max: 2100 };

/** The values one field matches; throws naming the field and what is wrong with it. */
export function parseField(spec: FieldSpec, text: string): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const bad = (why: string) => new Error(`${spec.name} field "${text}": ${why}`);
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined || range === undefined || range === '') throw bad(`"${part}" is malformed`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1)
        throw bad(`step "${stepText}" is not a whole number ≥ 1`);
      step = Number(stepText);
    }
    let start = spec.min;
    let end = spec.max;
    if (range !== '*') {
      const bounds = range.split('-');
      if (bounds.length > 2) throw bad(`"${part}" is malformed`);
      start = parseValue(spec, bounds[0]!, bad);
      if (bounds.length === 2) end = parseValue(spec, bounds[1]!, bad);
      else if (stepText === undefined) end = start;
      if (end < start) throw bad(`range "${range}" runs backwards`);
    }
    for (let v = start; v <= end; v += step) values.add(v);
  }
  return values;
}

function parseValue(spec: FieldSpec, text: string, bad: (why: string) => Error): number {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < spec.min || n > spec.max) throw bad(`${n} is out of range ${spec.min}-${spec.max}`);
    return n;
  }
  const lower = text.toLowerCase();
  const index =
    spec.names && lower.length >= (spec.minPrefix ?? 3)
      ? spec.names.findIndex((n) => n.startsWith(lower))
      : -1;
  if (index < 0)
    throw bad(`"${text}" is not a number${spec.names ? ` or a ${spec.name.replace(/-/g, ' ')} name` : ''}`);
  return index + (spec.namesFrom ?? 0);
}
