/**
 * PRs of a busy repo: about a dozen a day, most merged within a day or two, some closed, some still
 * open (a third of those drafts), a few old ones gone stale; reviews by others, by the author and by
 * review bots, conversation comments, and now and then a comment long after the merge.
 */
import type { FakePull, FakeReview } from '../dataset';
import { author, DEVELOPERS, REVIEW_BOTS } from './people';
import { DAY, HOUR, iso, type Random } from './random';

export function generatePulls(rng: Random, now: number, days: number, perDay = 12): FakePull[] {
  const pulls: FakePull[] = [];
  const count = Math.round(days * perDay);
  // A few long-open PRs from before the generated period, mostly stale.
  for (let i = 0; i < 15; i++) pulls.push(pull(rng, now, now - (days + rng.int(1, 90)) * DAY, true));
  for (let i = 0; i < count; i++) pulls.push(pull(rng, now, now - rng.next() * days * DAY, false));
  pulls.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return pulls.map((p, i) => ({ ...p, number: i + 1 }));
}

function pull(rng: Random, now: number, created: number, old: boolean): FakePull {
  const login = author(rng);
  const outcome = old ? 'open' : rng.weighted({ merged: 72, closed: 13, open: 15 });
  const end = created + rng.logNormal(20, 1.2) * HOUR;
  const closed = outcome !== 'open' && end < now ? end : undefined;
  const reviews = login.endsWith('[bot]') ? [] : reviewsOf(rng, login, created, closed ?? now);
  const comments = Array.from({ length: rng.int(0, 4) }, () => ({
    author: rng.pick(DEVELOPERS),
    at: iso(created + rng.next() * ((closed ?? now) - created)),
  }));
  // One PR in ten gets a comment after it closed: updated long after its merge.
  const late = closed !== undefined && rng.chance(0.1) ? closed + rng.next() * (now - closed) : undefined;
  if (late !== undefined) comments.push({ author: rng.pick(DEVELOPERS), at: iso(late) });
  const times = [created, closed ?? created, late ?? created, ...reviews.map((r) => Date.parse(r.at ?? ''))];
  const updated = old && !rng.chance(0.2) ? created + DAY : Math.max(...times.filter(Number.isFinite));
  return {
    number: 0,
    author: login,
    createdAt: iso(created),
    updatedAt: iso(Math.min(updated, now)),
    ...(closed !== undefined ? { closedAt: iso(closed) } : {}),
    ...(closed !== undefined && outcome === 'merged' ? { mergedAt: iso(closed) } : {}),
    draft: closed === undefined && rng.chance(0.33),
    comments,
    reviews,
  };
}

function reviewsOf(rng: Random, login: string, from: number, to: number): FakeReview[] {
  const reviews: FakeReview[] = [];
  const at = () => iso(from + rng.next() * (to - from));
  if (rng.chance(0.3))
    reviews.push({ author: rng.pick(REVIEW_BOTS), at: at(), state: 'COMMENTED', comments: rng.int(1, 5) });
  if (rng.chance(0.15))
    reviews.push({ author: login, at: at(), state: 'COMMENTED', comments: rng.int(1, 2) });
  for (let i = rng.int(0, 3); i > 0; i--) {
    const reviewer = rng.pick(DEVELOPERS.filter((d) => d !== login));
    const state = rng.weighted({ APPROVED: 5, COMMENTED: 3, CHANGES_REQUESTED: 2 });
    reviews.push({ author: reviewer, at: at(), state, comments: state === 'APPROVED' ? 0 : rng.int(0, 6) });
  }
  return reviews.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
}
