/** An organization of many generated repos: the busy ones, a long tail of quiet ones, and its listing. */
import { generateDataset, loadDataset, startFakeGitHub, type FakeRepo } from '../../../src/fakes/github';

const NOW = new Date('2025-06-15T12:00:00Z');
const DAY = 86_400_000;
const TOKEN = 'ghp_fake';

const inWeek = (at: string) => Date.parse(at) > NOW.getTime() - 7 * DAY;
const lastTouched = (r: FakeRepo) =>
  Math.max(
    ...[...(r.commits ?? []).map((c) => c.committedAt), ...(r.pulls ?? []).map((p) => p.updatedAt)].map(
      Date.parse,
    ),
  );

describe('fake GitHub organization of quiet repos', () => {
  const data = generateDataset({ seed: 5, now: NOW, repos: 2, quietRepos: 250 });
  const quiet = data.repos.slice(2);

  it('names the busy repos first, then the quiet ones', () => {
    expect(data.repos.map((r) => r.name).slice(0, 4)).toEqual([
      'service-01',
      'service-02',
      'quiet-001',
      'quiet-002',
    ]);
    expect(data.repos.at(-1)!.name).toBe('quiet-250');
    expect(new Set(data.repos.map((r) => `${r.owner}/${r.name}`)).size).toBe(252);
  });

  it('gives each quiet repo a handful of PRs, commits and runs over a year, most untouched for weeks', () => {
    for (const r of quiet) {
      expect(r.commits!.length).toBeGreaterThanOrEqual(3);
      expect(r.commits!.length).toBeLessThanOrEqual(25);
      expect(r.pulls!.length).toBeGreaterThanOrEqual(1);
      expect(r.pulls!.length).toBeLessThanOrEqual(8);
      // Tests, Lint and Build once per push to main and per PR.
      expect(r.runs!.length).toBe(3 * (r.commits!.length + r.pulls!.length));
      const times = [...r.commits!.map((c) => c.committedAt), ...r.runs!.map((x) => x.createdAt)].map(
        Date.parse,
      );
      expect(Math.min(...times)).toBeGreaterThan(NOW.getTime() - 366 * DAY);
      expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
    }
    const idleForWeeks = quiet.filter((r) => lastTouched(r) < NOW.getTime() - 14 * DAY).length;
    expect(idleForWeeks / quiet.length).toBeGreaterThan(0.6);
    const touchedThisWeek = quiet.filter((r) => r.commits!.some((c) => inWeek(c.committedAt))).length;
    // About one in six was touched in the last week.
    expect(touchedThisWeek / quiet.length).toBeGreaterThan(0.08);
    expect(touchedThisWeek / quiet.length).toBeLessThan(0.25);
    // Run ids never collide across the organization.
    const ids = data.repos.flatMap((r) => r.runs!.map((x) => x.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('generates the same organization from the same seed, relative to now', () => {
    const later = new Date(NOW.getTime() + 3 * DAY);
    const again = generateDataset({ seed: 5, now: later, repos: 2, quietRepos: 250 });
    expect(loadDataset(data, later)).toEqual(again);
    expect(generateDataset({ seed: 6, now: NOW, repos: 0, quietRepos: 3 }).repos).not.toEqual(
      quiet.slice(0, 3),
    );
  });

  it('lists every repo of the organization over the pages of /orgs/{org}/repos', async () => {
    const gh = await startFakeGitHub({ dataset: data, token: TOKEN });
    try {
      const names: string[] = [];
      let next: string | undefined = `${gh.url}/orgs/acme/repos?type=all&per_page=100`;
      while (next) {
        const res: Response = await fetch(next, { headers: { authorization: `token ${TOKEN}` } });
        expect(res.status).toBe(200);
        names.push(...((await res.json()) as { full_name: string }[]).map((r) => r.full_name));
        next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      }
      expect(gh.requests.filter((r) => r.path.startsWith('/orgs/acme/repos'))).toHaveLength(3);
      expect(names).toHaveLength(252);
      expect(new Set(names)).toEqual(new Set(data.repos.map((r) => `${r.owner}/${r.name}`)));
    } finally {
      await gh.close();
    }
  });
});
