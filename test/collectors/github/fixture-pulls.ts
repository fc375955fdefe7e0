/** The PRs of acme/widgets in the fixture (see fixture.ts): humans, bots, reviews and comments. */
import type { FakePull } from '../../../src/fakes/github';
import { d } from './fixture-time';

const BOT_REVIEWER = 'copilot-pull-request-reviewer[bot]';

export const widgetsPulls: FakePull[] = [
  {
    number: 1,
    author: 'alice',
    createdAt: d('06-10T12:00'),
    updatedAt: d('06-11T12:00'),
    mergedAt: d('06-11T12:00'),
    closedAt: d('06-11T12:00'),
    comments: [{ author: 'carol', at: d('06-10T13:00') }],
    reviews: [{ author: 'bob', at: d('06-10T18:00'), state: 'APPROVED', comments: 2 }],
  },
  {
    number: 2,
    author: 'bob',
    createdAt: d('06-09T00:00'),
    updatedAt: d('06-13T00:00'),
    mergedAt: d('06-13T00:00'),
    closedAt: d('06-13T00:00'),
    comments: [
      { author: 'alice', at: d('06-09T02:00') },
      { author: 'bob', at: d('06-09T03:00') },
    ],
    reviews: [
      { author: BOT_REVIEWER, at: d('06-09T01:00'), state: 'COMMENTED', comments: 3 },
      { author: 'bob', at: d('06-09T06:00'), state: 'COMMENTED', comments: 1 },
      { author: 'alice', at: d('06-12T00:00'), state: 'APPROVED' },
    ],
  },
  {
    number: 3,
    author: 'carol',
    createdAt: d('06-12T00:00'),
    updatedAt: d('06-12T06:00'),
    mergedAt: d('06-12T06:00'),
    closedAt: d('06-12T06:00'),
  },
  {
    number: 4,
    author: 'dependabot[bot]',
    createdAt: d('06-10T00:00'),
    updatedAt: d('06-10T01:00'),
    mergedAt: d('06-10T01:00'),
    closedAt: d('06-10T01:00'),
  },
  {
    number: 5,
    author: 'alice',
    createdAt: d('05-01T00:00'),
    updatedAt: d('06-14T00:00'),
    mergedAt: d('06-05T00:00'),
    closedAt: d('06-05T00:00'),
    comments: [{ author: 'bob', at: d('06-14T00:00') }],
  },
  {
    number: 6,
    author: 'bob',
    createdAt: d('06-11T00:00'),
    updatedAt: d('06-12T00:00'),
    closedAt: d('06-12T00:00'),
  },
  {
    number: 7,
    author: 'carol',
    createdAt: d('06-14T00:00'),
    updatedAt: d('06-14T00:00'),
    reviews: [{ author: 'bob', at: null, state: 'PENDING' }],
  },
  { number: 8, author: 'alice', createdAt: d('06-13T00:00'), updatedAt: d('06-13T00:00'), draft: true },
  {
    number: 9,
    author: 'bob',
    createdAt: d('05-20T00:00'),
    updatedAt: d('05-25T00:00'),
    reviews: [{ author: 'alice', at: d('05-21T00:00'), state: 'APPROVED' }],
  },
  {
    number: 10,
    author: 'alice',
    createdAt: d('06-01T00:00'),
    updatedAt: d('06-14T00:00'),
    reviews: [
      { author: 'alice', at: d('06-02T00:00'), state: 'COMMENTED', comments: 1 },
      { author: BOT_REVIEWER, at: d('06-01T01:00'), state: 'COMMENTED', comments: 2 },
    ],
  },
  { number: 12, author: 'dependabot[bot]', createdAt: d('06-14T00:00'), updatedAt: d('06-14T00:00') },
];
