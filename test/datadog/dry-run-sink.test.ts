import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { DataPoint } from '../../src/catalog/model';
import { appendJsonLines, defaultDryRunFile } from '../../src/datadog/dry-run-file';
import { createDryRunSink } from '../../src/datadog/dry-run-sink';
import { memoryLogger } from '../../src/log';

const TS = 1_767_225_600;

const points: DataPoint[] = [
  {
    metric: 'github.prs.open',
    type: 'gauge',
    value: 12,
    timestamp: TS,
    tags: ['repo:a/z', 'env:test'],
    unit: 'item',
  },
  { metric: 'aws.ec2.instances', type: 'gauge', value: 3, timestamp: TS, tags: ['region:us-east-1'] },
  { metric: 'github.prs.open', type: 'gauge', value: 7.5, timestamp: TS, tags: ['repo:a/b', 'env:test'] },
];

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dry-run-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture() {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString()));
  return { out, text: () => chunks.join('') };
}

test('prints an aligned table sorted by metric then tags, and appends one JSON line per point', async () => {
  const file = join(dir, 'nested', 'points.jsonl');
  const { out, text } = capture();
  const sink = createDryRunSink({ out, file, log: memoryLogger() });

  expect(sink.kind).toBe('dry-run');
  expect(await sink.submit(points, { deadline: new Date() })).toEqual({
    submitted: 3,
    dropped: 0,
    payloads: 1,
  });

  // Widths by hand: the metric column is as wide as "aws.ec2.instances" (17), the value column as
  // "VALUE" (5, wider than "7.5"); values right-aligned; two spaces between columns.
  expect(text()).toBe(
    [
      `dry run: 3 points (not sent to Datadog), written to ${file}`,
      'METRIC             VALUE  TAGS',
      'aws.ec2.instances      3  region:us-east-1',
      'github.prs.open      7.5  repo:a/b,env:test',
      'github.prs.open       12  repo:a/z,env:test',
      '',
    ].join('\n'),
  );
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  expect(lines.map((l) => JSON.parse(l) as DataPoint)).toEqual(points);

  // A second run appends.
  await sink.submit(points.slice(0, 1), { deadline: new Date() });
  expect((await readFile(file, 'utf8')).trimEnd().split('\n')).toHaveLength(4);
});

test('no points: a header, an empty file, no payload', async () => {
  const file = join(dir, 'empty.jsonl');
  const { out, text } = capture();
  const result = await createDryRunSink({ out, file, log: memoryLogger() }).submit([], {
    deadline: new Date(),
  });

  expect(result).toEqual({ submitted: 0, dropped: 0, payloads: 0 });
  expect(text()).toBe(`dry run: 0 points (not sent to Datadog), written to ${file}\n`);
  expect(await readFile(file, 'utf8')).toBe('');
});

test('the default file is out/dry-run/points-<UTC date>.jsonl under the working directory', () => {
  // 23:30 in UTC-5 on Jan 1 is already Jan 2 in UTC.
  expect(defaultDryRunFile('/srv/collectors', new Date('2026-01-01T23:30:00-05:00'))).toBe(
    '/srv/collectors/out/dry-run/points-2026-01-02.jsonl',
  );
});

test("without a file, each point goes to the file of its slot's date, whatever the clock says", async () => {
  // TS is 2026-01-01T00:00:00Z; TS - 1 is the last second of 2025-12-31 (a slot backfilled late).
  const late: DataPoint = { ...points[1]!, timestamp: TS - 1 };
  const files = await appendJsonLines([points[0]!, late, points[2]!], undefined, dir);
  const jan1 = join(dir, 'out', 'dry-run', 'points-2026-01-01.jsonl');
  const dec31 = join(dir, 'out', 'dry-run', 'points-2025-12-31.jsonl');
  expect(files).toEqual([jan1, dec31]);
  expect((await readFile(jan1, 'utf8')).trimEnd().split('\n')).toHaveLength(2);
  expect(JSON.parse(await readFile(dec31, 'utf8')) as DataPoint).toEqual(late);

  // No points and no file: nothing is written, and the table says so.
  expect(await appendJsonLines([], undefined, dir)).toEqual([]);
  const { out, text } = capture();
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    await createDryRunSink({ out, log: memoryLogger() }).submit([], { deadline: new Date() });
  } finally {
    process.chdir(cwd);
  }
  expect(text()).toBe('dry run: 0 points (not sent to Datadog), nothing written\n');
});
