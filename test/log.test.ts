import { memoryLogger, throttledLogger } from '../src/log';

test('a repeated line is written once per window, then with the count held back', () => {
  const lines = memoryLogger();
  let now = 0;
  const log = throttledLogger(lines, 60_000, () => now);
  const msgs = () => lines.lines.map((l) => JSON.parse(l) as { msg: string; repeated?: number; n?: number });

  log.warn('poll failed', { n: 1 }); // t=0: written
  now = 1_000;
  log.warn('poll failed', { n: 2 }); // held
  log.warn('poll failed', { n: 3 }); // held
  log.error('poll failed', { n: 4 }); // another level: its own line
  log.warn('other', { n: 5 }); // another message: its own line
  now = 60_000;
  log.warn('poll failed', { n: 6 }); // window over: written, 2 held back
  now = 61_000;
  log.warn('poll failed', { n: 7 }); // held again

  expect(msgs().map(({ msg, n, repeated }) => ({ msg, n, repeated }))).toEqual([
    { msg: 'poll failed', n: 1, repeated: undefined },
    { msg: 'poll failed', n: 4, repeated: undefined },
    { msg: 'other', n: 5, repeated: undefined },
    { msg: 'poll failed', n: 6, repeated: 2 },
  ]);
});
