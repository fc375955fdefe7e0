/** Datasets from JSON files or objects, shifted so their `anchor` becomes now. */
import { readFileSync } from 'node:fs';
import type { FakeDataset } from './dataset';

/** Keys whose values are timestamps: `at` and every key ending in `At`. */
const TIME_KEY = /^at$|At$/;

/** A copy of the dataset with every timestamp moved by (now − anchor); the anchor becomes `now`. */
export function loadDataset(dataset: FakeDataset, now: Date = new Date()): FakeDataset {
  if (!dataset.anchor) return dataset;
  const shift = now.getTime() - Date.parse(dataset.anchor);
  if (!Number.isFinite(shift)) throw new Error(`dataset anchor "${dataset.anchor}" is not a timestamp`);
  const shifted = shiftTimes(dataset, shift) as FakeDataset;
  return { ...shifted, anchor: now.toISOString().replace('.000Z', 'Z') };
}

export function loadDatasetFile(path: string, now: Date = new Date()): FakeDataset {
  return loadDataset(JSON.parse(readFileSync(path, 'utf8')) as FakeDataset, now);
}

function shiftTimes(value: unknown, shift: number, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => shiftTimes(v, shift, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftTimes(v, shift, k)]));
  }
  if (typeof value === 'string' && TIME_KEY.test(key)) {
    const t = Date.parse(value);
    if (!Number.isFinite(t)) throw new Error(`dataset field ${key} is not a timestamp: "${value}"`);
    // GitHub's timestamps are whole seconds.
    return new Date(Math.floor((t + shift) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }
  return value;
}
