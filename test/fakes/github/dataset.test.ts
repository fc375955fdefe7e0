import { generateDataset, loadDataset } from '../../../src/fakes/github';

describe('fake GitHub datasets', () => {
  it('shifts every timestamp by now − anchor when loaded', () => {
    const loaded = loadDataset(
      {
        anchor: '2025-01-10T00:00:00Z',
        repos: [
          {
            owner: 'a',
            name: 'b',
            pulls: [
              {
                number: 1,
                author: 'x',
                createdAt: '2025-01-09T00:00:00Z',
                updatedAt: '2025-01-09T12:00:00Z',
                comments: [{ author: 'y', at: '2025-01-09T06:00:00Z' }],
              },
            ],
          },
        ],
      },
      new Date('2025-03-01T00:00:00.700Z'),
    );
    expect(loaded.anchor).toBe('2025-03-01T00:00:00.700Z');
    // GitHub's timestamps are whole seconds.
    expect(loaded.repos[0]!.pulls![0]).toEqual({
      number: 1,
      author: 'x',
      createdAt: '2025-02-28T00:00:00Z',
      updatedAt: '2025-02-28T12:00:00Z',
      comments: [{ author: 'y', at: '2025-02-28T06:00:00Z' }],
    });
  });

  it('generates the same busy repo from the same seed, relative to now', () => {
    const a = generateDataset({ seed: 3, now: new Date('2025-06-15T12:00:00Z') });
    const b = generateDataset({ seed: 3, now: new Date('2025-06-22T12:00:00Z') });
    expect(loadDataset(a, new Date('2025-06-22T12:00:00Z'))).toEqual(b);
    expect(generateDataset({ seed: 4, now: new Date('2025-06-15T12:00:00Z') })).not.toEqual(a);
  });

  it('generates hundreds of PRs and commits and thousands of runs, with bots, reverts, re-runs, cancels and drafts', () => {
    const now = new Date('2025-06-15T12:00:00Z');
    const [repo] = generateDataset({ seed: 1, now }).repos;
    const last = (ms: number) => (t: string) =>
      Date.parse(t) > now.getTime() - ms && Date.parse(t) <= now.getTime();
    expect(repo!.pulls!.length).toBeGreaterThan(300);
    expect(repo!.commits!.length).toBeGreaterThan(500);
    expect(repo!.runs!.length).toBeGreaterThan(3000);
    expect(repo!.runs!.filter((r) => last(7 * 86_400_000)(r.createdAt)).length).toBeGreaterThan(700);
    expect(repo!.pulls!.some((p) => p.author?.endsWith('[bot]'))).toBe(true);
    expect(repo!.pulls!.some((p) => p.draft)).toBe(true);
    expect(repo!.commits!.some((c) => /revert/i.test(c.message))).toBe(true);
    expect(
      repo!.commits!.some(
        (c) =>
          c.authoredAt < c.committedAt && Date.parse(c.committedAt) - Date.parse(c.authoredAt) > 86_400_000,
      ),
    ).toBe(true);
    expect(repo!.runs!.some((r) => (r.attempt ?? 1) > 1)).toBe(true);
    expect(repo!.runs!.some((r) => r.conclusion === 'cancelled')).toBe(true);
    const ages = repo!.branches!.map((b) => (now.getTime() - Date.parse(b.committedAt)) / 86_400_000);
    expect(Math.min(...ages)).toBeLessThan(30);
    expect(Math.max(...ages)).toBeGreaterThan(90);
    // No event after now.
    expect(repo!.runs!.every((r) => Date.parse(r.updatedAt) <= now.getTime())).toBe(true);
  });
});
