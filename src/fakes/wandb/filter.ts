/**
 * W&B's MongoDB-style run filters, evaluated for real over the fake's runs and sweeps: `$and $or
 * $nor`, `$eq $ne $gt $gte $lt $lte $in $nin $exists $regex`, on the run columns the public API
 * documents (`state`, `name`, `displayName`, `createdAt`, `heartbeatAt`, `username`, `sweep`) and
 * `summary_metrics.<key>`; on sweeps `state`, `name`, `createdAt`, `updatedAt`. Times compare as
 * instants, a time without a zone being UTC. Anything else is refused, as an error of the query.
 */
export class FilterError extends Error {
  override readonly name = 'FilterError';
}

export type FieldValue = string | number | boolean | null | undefined;
/** A record's value of a filter field; undefined for a field it does not know. */
export type FieldReader = (field: string) => FieldValue | typeof UNKNOWN;

export const UNKNOWN = Symbol('unknown field');

const TIME_FIELDS = new Set(['createdAt', 'heartbeatAt', 'updatedAt']);
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

export function timeMs(text: string): number {
  return Date.parse(HAS_ZONE.test(text) ? text : `${text}Z`);
}

export function parseFilters(text: string | null | undefined): Record<string, unknown> {
  if (text === null || text === undefined || text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FilterError(`filters is not JSON: ${text.slice(0, 100)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FilterError('filters must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export function matches(filter: Record<string, unknown>, read: FieldReader): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(condition)) throw new FilterError(`${key} takes a list`);
      const parts = condition.map((c) => matches(c as Record<string, unknown>, read));
      if (key === '$and') return parts.every(Boolean);
      if (key === '$or') return parts.some(Boolean);
      return !parts.some(Boolean);
    }
    if (key.startsWith('$')) throw new FilterError(`unknown operator ${key}`);
    const value = read(key);
    if (value === UNKNOWN) throw new FilterError(`unknown filter key ${key}`);
    return test(key, value, condition);
  });
}

function test(field: string, value: FieldValue, condition: unknown): boolean {
  const isOps =
    typeof condition === 'object' &&
    condition !== null &&
    !Array.isArray(condition) &&
    Object.keys(condition).every((k) => k.startsWith('$'));
  if (!isOps) return equal(field, value, condition);
  return Object.entries(condition as Record<string, unknown>).every(([op, operand]) => {
    switch (op) {
      case '$eq':
        return equal(field, value, operand);
      case '$ne':
        return !equal(field, value, operand);
      case '$gt':
        return compare(field, value, operand, (c) => c > 0);
      case '$gte':
        return compare(field, value, operand, (c) => c >= 0);
      case '$lt':
        return compare(field, value, operand, (c) => c < 0);
      case '$lte':
        return compare(field, value, operand, (c) => c <= 0);
      case '$in':
        return list(op, operand).some((o) => equal(field, value, o));
      case '$nin':
        return !list(op, operand).some((o) => equal(field, value, o));
      case '$exists':
        return (value !== undefined && value !== null) === Boolean(operand);
      case '$regex':
        return typeof value === 'string' && new RegExp(String(operand)).test(value);
      default:
        throw new FilterError(`unknown operator ${op}`);
    }
  });
}

function list(op: string, operand: unknown): unknown[] {
  if (!Array.isArray(operand)) throw new FilterError(`${op} takes a list`);
  return operand;
}

function comparable(field: string, v: unknown): number | string | boolean | undefined {
  if (v === null || v === undefined) return undefined;
  if (TIME_FIELDS.has(field)) {
    // Epoch numbers in time filters make W&B answer 500; only ISO strings are times.
    if (typeof v !== 'string') throw new FilterError(`${field} must be compared with an ISO 8601 string`);
    const ms = timeMs(v);
    if (!Number.isFinite(ms)) throw new FilterError(`${field}: "${v}" is not a time`);
    return ms;
  }
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : undefined;
}

function equal(field: string, value: FieldValue, operand: unknown): boolean {
  if (operand === null) return value === null || value === undefined;
  const a = comparable(field, value);
  const b = comparable(field, operand);
  return a !== undefined && a === b;
}

function compare(field: string, value: FieldValue, operand: unknown, ok: (c: number) => boolean): boolean {
  const a = comparable(field, value);
  const b = comparable(field, operand);
  if (a === undefined || b === undefined || typeof a !== typeof b) return false;
  return ok(a < b ? -1 : a > b ? 1 : 0);
}
