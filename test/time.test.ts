import { cronNextTimes } from '../src/time/cron';
import { formatDuration, parseDuration } from '../src/time/duration';
import { parseTime } from '../src/time/instant';
import { parseSchedule, scheduleIntervalMs } from '../src/time/schedule';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['15m', 15 * MIN],
    ['1h', HOUR],
    ['1h30m', 90 * MIN],
    ['2d', 2 * DAY],
    ['1w', 7 * DAY],
    ['1m30s', 90_000],
    ['1s500ms', 1_500],
    ['0s', 0],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '15', 'm', '1.5h', '5 minutes', '30m1h', '1m1m', '-5m', '15min', '1h 30m'])(
    'rejects %j naming the text and the accepted forms',
    (text) => {
      expect(() => parseDuration(text)).toThrow(
        `"${text}" is not a duration: use whole numbers with the units w, d, h, m, s, ms, largest first (e.g. 250ms, 30s, 15m, 1h30m, 2d, 1w)`,
      );
    },
  );
});

describe('formatDuration', () => {
  it.each([
    [90 * MIN, '1h30m'],
    [0, '0s'],
    [250, '250ms'],
    [1_500, '1s500ms'],
    [2 * DAY + 3 * HOUR, '2d3h'],
    [10 * DAY, '10d'],
    [-30_000, '-30s'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('is the inverse of parseDuration', () => {
    for (const ms of [1, 999, 61_000, 3_723_004, 8 * DAY + 1])
      expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});

describe('parseTime', () => {
  const now = new Date('2026-03-10T12:00:00.000Z');

  it.each([
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01T02:00:00+02:00', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01T00:00:00-0130', '2026-01-01T01:30:00.000Z'],
    ['2026-01-01T00:00Z', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01T00:00:00.25Z', '2026-01-01T00:00:00.250Z'],
    ['2026-01-01', '2026-01-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['now', '2026-03-10T12:00:00.000Z'],
    ['now-3d', '2026-03-07T12:00:00.000Z'],
    ['now-90m', '2026-03-10T10:30:00.000Z'],
    ['now+1h', '2026-03-10T13:00:00.000Z'],
  ])('%s', (text, iso) => {
    expect(parseTime(text, now).toISOString()).toBe(iso);
  });

  it('rejects a datetime without a zone', () => {
    expect(() => parseTime('2026-01-01T00:00:00', now)).toThrow(
      '"2026-01-01T00:00:00" has no time zone: add a zone, e.g. Z for UTC or +02:00',
    );
  });

  it('rejects other text with the accepted forms', () => {
    expect(() => parseTime('yesterday', now)).toThrow(
      '"yesterday" is not a time: use an ISO 8601 time with a zone (2026-01-01T00:00:00Z, 2026-01-01T02:00:00+02:00), a date (2026-01-01, midnight UTC), now, or now plus or minus a duration (now-3d, now-90m, now+1h)',
    );
  });

  it('rejects a bad duration after now', () => {
    expect(() => parseTime('now-3 days', now)).toThrow(
      '"now-3 days" is not a time: "3 days" after now- is not a duration; use an ISO 8601 time',
    );
  });

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-01-01T24:00:00Z', '2026-01-01T10:60:00Z'])(
    'rejects the impossible %s',
    (text) => {
      expect(() => parseTime(text, now)).toThrow(`"${text}" is not a valid date or time of day`);
    },
  );
});

describe('parseSchedule', () => {
  it('reads intervals', () => {
    expect(parseSchedule('15m')).toEqual({ kind: 'interval', everyMs: 15 * MIN, text: '15m' });
    expect(parseSchedule('5s')).toEqual({ kind: 'interval', everyMs: 5_000, text: '5s' });
  });

  it('refuses intervals under a second', () => {
    expect(() => parseSchedule('500ms')).toThrow('schedule interval "500ms" is too short: use at least 1s');
  });

  it.each([
    '*/15 * * * *',
    '0 */6 * * *',
    '0 9 * * MON-FRI',
    '0 0 1 JAN,jul *',
    '5,35 8-18/2 * * 1-5',
    '0 0 * * 7',
    '30 0 0 * * sun 2026-2030',
    '0 0 1 * * 2027',
    '@hourly',
    '3/20 * * * *',
  ])('accepts the cron %s', (expression) => {
    expect(parseSchedule(expression)).toEqual({ kind: 'cron', expression });
  });

  it('normalises whitespace in a cron', () => {
    expect(parseSchedule('  0   *  * * * ')).toEqual({ kind: 'cron', expression: '0 * * * *' });
  });

  it.each([
    [
      'every 15 minutes',
      '"every 15 minutes" is neither a cron expression (5–7 fields) nor an interval such as 30s or 15m',
    ],
    ['15min', '"15min" is neither a cron expression (5–7 fields) nor an interval such as 30s or 15m'],
    ['* * * *', '"* * * *" is neither a cron expression (5–7 fields) nor an interval such as 30s or 15m'],
    ['0 25 * * *', '"0 25 * * *" is not a valid cron expression: hour field "25": 25 is out of range 0-23'],
    ['60 * * * *', '"60 * * * *" is not a valid cron expression: minute field "60": 60 is out of range 0-59'],
    [
      '0 0 0 * *',
      '"0 0 0 * *" is not a valid cron expression: day-of-month field "0": 0 is out of range 1-31',
    ],
    ['0 0 * 13 *', '"0 0 * 13 *" is not a valid cron expression: month field "13": 13 is out of range 1-12'],
    ['0 0 * * 8', '"0 0 * * 8" is not a valid cron expression: day-of-week field "8": 8 is out of range 0-7'],
    [
      '0 0 * FOO *',
      '"0 0 * FOO *" is not a valid cron expression: month field "FOO": "FOO" is not a number or a month name',
    ],
    [
      '0 0 * * M',
      '"0 0 * * M" is not a valid cron expression: day-of-week field "M": "M" is not a number or a day of week name',
    ],
    [
      '*/0 * * * *',
      '"*/0 * * * *" is not a valid cron expression: minute field "*/0": step "0" is not a whole number ≥ 1',
    ],
    [
      '0 10-2 * * *',
      '"0 10-2 * * *" is not a valid cron expression: hour field "10-2": range "10-2" runs backwards',
    ],
    ['0 1,,2 * * *', '"0 1,,2 * * *" is not a valid cron expression: hour field "1,,2": "" is malformed'],
    [
      // Temporal takes the shortcuts in lower case only.
      '@HOURLY',
      '"@HOURLY" is not a cron shortcut: use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly (lower case)',
    ],
    ['0 ? * * *', '"0 ? * * *" is not a valid cron expression: hour field "?": "?" is not a number'],
    [
      '0 0 1 * * 1999',
      '"0 0 1 * * 1999" is not a valid cron expression: year field "1999": 1999 is out of range 2000-2100',
    ],
  ])('rejects %j', (text, message) => {
    expect(() => parseSchedule(text)).toThrow(message);
  });
});

describe('cron fire times', () => {
  const from = new Date('2026-01-01T00:07:30Z'); // a Thursday

  it('*/15 * * * * fires at :15, :30, :45', () => {
    expect(cronNextTimes('*/15 * * * *', from, 3).map((d) => d.toISOString())).toEqual([
      '2026-01-01T00:15:00.000Z',
      '2026-01-01T00:30:00.000Z',
      '2026-01-01T00:45:00.000Z',
    ]);
  });

  it('day-of-month and day-of-week must both match', () => {
    // 2026-02-13 and 2026-03-13 are Fridays; January 13th (a Tuesday) is skipped.
    expect(cronNextTimes('0 12 13 * FRI', from, 2).map((d) => d.toISOString())).toEqual([
      '2026-02-13T12:00:00.000Z',
      '2026-03-13T12:00:00.000Z',
    ]);
  });

  it('weekdays skip the weekend; 7 is Sunday', () => {
    expect(cronNextTimes('0 9 * * MON-FRI', from, 3).map((d) => d.toISOString())).toEqual([
      '2026-01-01T09:00:00.000Z',
      '2026-01-02T09:00:00.000Z',
      '2026-01-05T09:00:00.000Z',
    ]);
    expect(cronNextTimes('0 0 * * 7', from, 1)[0]?.toISOString()).toBe('2026-01-04T00:00:00.000Z');
  });

  it('the 7-field form has seconds first and a year last; 6 fields end with a year', () => {
    expect(cronNextTimes('10 0 0 29 2 * *', from, 1)[0]?.toISOString()).toBe('2028-02-29T00:00:10.000Z');
    expect(cronNextTimes('0 0 1 1 * 2027', from, 5).map((d) => d.toISOString())).toEqual([
      '2027-01-01T00:00:00.000Z',
    ]);
  });

  it('n/step runs from n to the maximum', () => {
    expect(cronNextTimes('50/5 * * * *', from, 3).map((d) => d.toISOString())).toEqual([
      '2026-01-01T00:50:00.000Z',
      '2026-01-01T00:55:00.000Z',
      '2026-01-01T01:50:00.000Z',
    ]);
  });
});

describe('scheduleIntervalMs', () => {
  const from = new Date('2026-01-01T00:00:00Z');

  it.each([
    ['15m', 15 * MIN],
    ['*/15 * * * *', 15 * MIN],
    ['0 */6 * * *', 6 * HOUR],
    ['5,35 * * * *', 30 * MIN],
    ['0 0,1 * * *', HOUR],
    ['0 9 * * MON-FRI', DAY],
    ['@monthly', 28 * DAY],
    ['*/5 * * * * * *', 5_000],
  ])('%s → %d ms', (text, ms) => {
    expect(scheduleIntervalMs(parseSchedule(text), from)).toBe(ms);
  });

  it('refuses a cron that fires only once', () => {
    expect(() => scheduleIntervalMs(parseSchedule('0 0 1 1 * 2027'), from)).toThrow(
      'cron "0 0 1 1 * 2027" fires fewer than twice between now and 2100',
    );
  });
});
