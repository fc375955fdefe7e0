/** A worker's pace of requests: ten seconds' worth at once, then one per 60,000 / perMinute ms. */
import { Pace, pacedFetch } from '../../../src/collectors/github/client/pace';

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

test('REST and GraphQL requests keep separate paces, as GitHub counts them apart', async () => {
  let now = 0;
  const slept: string[] = [];
  const pace = (api: string) =>
    new Pace(
      6, // capacity 1: the second request of an API waits 10 s
      () => now,
      (ms) => {
        slept.push(`${api} ${ms}`);
        now += ms;
        return Promise.resolve();
      },
    );
  let sent = 0;
  const paced = pacedFetch(
    () => {
      sent++;
      return Promise.resolve(new Response('{}'));
    },
    { rest: pace('rest'), graphql: pace('graphql') },
  );
  await paced('https://api.github.com/repos/acme/widgets');
  // Each API's first request goes at once, on github.com and on an Enterprise Server alike.
  await paced('https://api.github.com/graphql', { method: 'POST' });
  expect(slept).toEqual([]);
  await paced(new URL('https://ghe.example.com/api/graphql'), { method: 'POST' });
  expect(slept).toEqual(['graphql 10000']);
  // That wait took 10 s of the same clock: REST has its one token back, and its next waits.
  await paced(new Request('https://api.github.com/repos/acme/widgets/branches'));
  expect(slept).toEqual(['graphql 10000']);
  await paced('https://api.github.com/repos/acme/widgets/tags');
  expect(slept).toEqual(['graphql 10000', 'rest 10000']);
  expect(sent).toBe(5);
});
