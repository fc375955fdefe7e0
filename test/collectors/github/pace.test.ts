/** A worker's pace of requests: ten seconds' worth at once, then one per 60,000 / perMinute ms. */
import { Pace } from '../../../src/collectors/github/client/pace';

test('60 a minute: 10 go at once, then one a second', async () => {
  let now = 0;
  const slept: number[] = [];
  const pace = new Pace(
    60,
    () => now,
    (ms) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  );
  // Capacity 60 / 6 = 10: the first ten take no wait.
  for (let i = 0; i < 10; i++) await pace.take();
  expect(slept).toEqual([]);
  // The 11th waits for one token: 60,000 / 60 = 1,000 ms.
  await pace.take();
  expect(slept).toEqual([1000]);
  // 2.5 s later: 2.5 tokens back; two go, the third waits the missing half: 500 ms.
  now += 2500;
  await pace.take();
  await pace.take();
  await pace.take();
  expect(slept).toEqual([1000, 500]);
});

test('a wait ends with the unit', async () => {
  const pace = new Pace(6, Date.now);
  await pace.take(); // capacity 1
  const unit = new AbortController();
  const waiting = pace.take(unit.signal);
  unit.abort(new Error('unit cancelled'));
  await expect(waiting).rejects.toThrow('unit cancelled');
});
