/** The fake W&B's filters: evaluated as W&B documents them, times as instants, the rest refused. */
import { FilterError, UNKNOWN, matches } from '../../../src/fakes/wandb/filter';

const run: Record<string, string | number | null> = {
  state: 'finished',
  createdAt: '2026-11-24T10:00:00', // no zone: UTC
  heartbeatAt: '2026-11-24T14:00:00.250000',
  username: 'ada',
  'summary_metrics.accuracy': 0.91,
  'summary_metrics.loss': null,
};
const read = (field: string) => (field in run ? run[field]! : (undefined as never));
const known = (field: string) => (field in run ? run[field]! : UNKNOWN);
const test = (filter: Record<string, unknown>) => matches(filter, read);

describe('fake W&B filters', () => {
  it('compares times as instants, with or without a zone', () => {
    expect(test({ createdAt: { $gt: '2026-11-24T09:59:59Z' } })).toBe(true);
    expect(test({ createdAt: { $lte: '2026-11-24T11:00:00+01:00' } })).toBe(true);
    expect(test({ createdAt: { $lt: '2026-11-24T10:00:00' } })).toBe(false);
    expect(test({ heartbeatAt: { $gt: '2026-11-24T14:00:00' } })).toBe(true);
    expect(() => test({ createdAt: { $gt: 1_700_000_000 } })).toThrow(FilterError);
  });

  it('combines with $and, $or, $nor and takes $eq $ne $in $nin $exists $regex', () => {
    expect(test({ $and: [{ state: 'finished' }, { username: { $in: ['ada', 'alan'] } }] })).toBe(true);
    expect(test({ $or: [{ state: 'running' }, { username: { $nin: ['ada'] } }] })).toBe(false);
    expect(test({ $nor: [{ state: 'running' }] })).toBe(true);
    expect(test({ state: { $ne: 'finished' } })).toBe(false);
    expect(test({ 'summary_metrics.accuracy': { $exists: true, $gte: 0.9 } })).toBe(true);
    expect(test({ 'summary_metrics.loss': { $exists: true } })).toBe(false);
    expect(test({ username: { $regex: '^a' } })).toBe(true);
  });

  it('refuses unknown keys and operators', () => {
    expect(() => matches({ duration: { $gt: 5 } }, known)).toThrow(FilterError);
    expect(() => test({ state: { $near: 'x' } })).toThrow('unknown operator $near');
  });
});
