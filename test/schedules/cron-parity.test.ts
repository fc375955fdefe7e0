/**
 * The cron engine (src/time) against Temporal's own: for every kind of expression the engine accepts,
 * a paused schedule is created on the dev server and the next action times Temporal computes
 * (`describe` → `info.nextActionTimes`) must be the engine's, from the same instant.
 *
 * Temporal computes from its own "now", some instant between just before the create and just after
 * the describe. So the engine starts a second before the create, and the check is that Temporal's
 * list is the engine's sequence from some point on, every engine time skipped over having been
 * already past when the describe answered. Nothing depends on the date the test runs.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { cronNextTimes } from '../../src/time/cron';
import { parseSchedule } from '../../src/time/schedule';
import { testClient } from '../support/temporal';

/** Each kind of field the engine reads, and the rules that span fields. */
const SPECS: readonly (readonly [string, string])[] = [
  ['*/15 * * * *', 'a step over the whole field'],
  ['5/20 * * * *', 'n/step runs to the field maximum (5, 25, 45)'],
  ['0 9-17 * * *', 'a range'],
  ['7 9-17/4 * * *', 'a range with a step (9, 13, 17)'],
  ['10,20,45 * * * *', 'a list'],
  ['0 0,12 1,15 * *', 'lists in hours and days of the month'],
  ['3 2,4-6,20/2 * * *', 'a list of a value, a range and a step'],
  ['0 0 * * 1-5', 'days of the week as a range'],
  ['30 8 * * 7', '7 is Sunday, like 0'],
  ['0 6 * * sun,wed', 'day-of-week names'],
  ['0 6 * * MON-FRI', 'a range of day-of-week names, upper case'],
  ['0 0 1 jan,jul *', 'month names'],
  ['0 0 1 january,sept *', 'month names in full, and prefixes longer than three letters'],
  ['0 9 * * tu,thurs', 'day-of-week prefixes from two letters'],
  ['0 9 * * monday-friday/2', 'a range of day names with a step'],
  ['0 0 * * 0-7', 'a range through 7 (Sunday twice)'],
  ['0 12 13 * 5', 'day of month and day of week both restricted'],
  ['0 0 1-7 * 1', 'day of month and day of week both restricted, a range'],
  ['0 0 31 * *', 'a day only some months have'],
  ['0 0 29 2 *', 'February 29: leap years only'],
  ['0 0 1 * * 2027-2030', 'six fields: a year last'],
  ['15 0 */6 * * * *', 'seven fields: a second first, a year last'],
  ['@hourly', 'shortcut'],
  ['@daily', 'shortcut'],
  ['@midnight', 'shortcut'],
  ['@weekly', 'shortcut'],
  ['@monthly', 'shortcut'],
  ['@yearly', 'shortcut'],
  ['@annually', 'shortcut'],
];

let client: Client;
let close: () => Promise<void>;
const created: string[] = [];

beforeAll(async () => {
  ({ client, close } = await testClient());
});

afterAll(async () => {
  await Promise.allSettled(created.map((id) => client.schedule.getHandle(id).delete()));
  await close();
});

/** Temporal's next action times for `expression`, and the instants bracketing Temporal's "now". */
async function temporalNextTimes(
  expression: string,
): Promise<{ times: Date[]; before: number; after: number }> {
  const scheduleId = `cron-parity-${randomUUID()}`;
  const before = Date.now();
  await client.schedule.create({
    scheduleId,
    spec: { cronExpressions: [expression] },
    // Never runs: paused, on a task queue no worker polls.
    action: {
      type: 'startWorkflow',
      workflowType: 'collectionCycle',
      taskQueue: `cron-parity-${randomUUID()}`,
    },
    state: { paused: true, note: 'cron parity test' },
  });
  created.push(scheduleId);
  const described = await client.schedule.getHandle(scheduleId).describe();
  return { times: described.info.nextActionTimes, before, after: Date.now() };
}

test.each(SPECS)('%s (%s): the same next times as Temporal', async (expression) => {
  // The expression is valid for the engine, as it would be in a config file.
  expect(parseSchedule(expression)).toEqual({ kind: 'cron', expression });
  const { times, before, after } = await temporalNextTimes(expression);
  expect(times.length).toBeGreaterThan(0);
  const iso = (ds: readonly Date[]) => ds.map((d) => d.toISOString());
  // Enough engine times to cover Temporal's list plus those a slow create may have skipped.
  const ours = cronNextTimes(expression, new Date(before - 1000), times.length + 5);
  const start = ours.findIndex((d) => d.getTime() === times[0]!.getTime());
  expect({ temporalFirst: times[0]!.toISOString(), found: start >= 0 }).toEqual({
    temporalFirst: times[0]!.toISOString(),
    found: true,
  });
  // Every engine time before Temporal's first was already past when the describe answered.
  for (const skipped of ours.slice(0, start)) expect(skipped.getTime()).toBeLessThanOrEqual(after);
  expect(iso(times)).toEqual(iso(ours.slice(start, start + times.length)));
});

test('Temporal lists several next times, so the comparison covers more than the first', async () => {
  const { times } = await temporalNextTimes('*/15 * * * *');
  // Temporal's describe returns the next 10; at least a handful make the comparison meaningful.
  expect(times.length).toBeGreaterThanOrEqual(5);
});

test('day of month and day of week must both match, as the engine says (not either, as in Vixie cron)', async () => {
  const { times } = await temporalNextTimes('0 12 13 * 5');
  // Only Fridays the 13th: under the "either" rule every Friday and every 13th would appear.
  expect(times.filter((d) => d.getUTCDate() !== 13 || d.getUTCDay() !== 5)).toEqual([]);
});

test.each([
  ['@HOURLY', 'a shortcut in upper case'],
  ['61 * * * *', 'a minute out of range'],
  ['0 0 * * 8', 'a day of the week out of range'],
  ['0 0 * * * * * *', 'eight fields'],
  ['0 0 L * *', 'a letter Temporal does not read'],
])('%s (%s): refused by the engine and by Temporal', async (expression) => {
  expect(() => parseSchedule(expression)).toThrow();
  const refused = await temporalNextTimes(expression).then(
    () => undefined,
    (err: Error) => err.message,
  );
  // Refused for the expression itself (Temporal says e.g. "Minute is not in range [0-59]").
  expect(refused).toMatch(/CronString|is not in range/);
});
