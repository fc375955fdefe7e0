/** Helpers of the AWS Query protocol (EC2 and STS): XML building, list and filter parameters, paging. */
import { randomBytes } from 'node:crypto';

export type Params = URLSearchParams;

export const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
export const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const tag = (name: string, value: string | number | undefined) =>
  value === undefined ? '' : `<${name}>${typeof value === 'number' ? String(value) : esc(value)}</${name}>`;
export const items = (name: string, list: readonly string[]) =>
  `<${name}>${list.map((x) => `<item>${x}</item>`).join('')}</${name}>`;
export const requestId = () => randomBytes(16).toString('hex');

/** A list parameter of the EC2 Query protocol: `InstanceType.1`, `InstanceType.2`, … */
export function listParam(form: Params, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; form.has(`${name}.${i}`); i++) out.push(form.get(`${name}.${i}`)!);
  return out;
}

export function filters(form: Params): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 1; form.has(`Filter.${i}.Name`); i++)
    out.set(form.get(`Filter.${i}.Name`)!, listParam(form, `Filter.${i}.Value`));
  return out;
}

export function page<T>(list: readonly T[], form: Params, max: number): { slice: T[]; next?: string } {
  const start = Number(form.get('NextToken') ?? 0) || 0;
  const size = Math.min(max, Number(form.get('MaxResults') ?? max) || max);
  const slice = list.slice(start, start + size);
  return start + size < list.length ? { slice, next: String(start + size) } : { slice };
}
