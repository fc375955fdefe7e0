/**
 * GitHub App installation auth (`options.app`): units authenticate with an installation token minted
 * from the app's JWT through the unit's fetch, one token per process while it lives, and every way it
 * can go wrong ends as the engine's error kinds with the setting to change.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { githubCollector } from '../../../src/collectors/github';
import { GROUPS } from '../../../src/collectors/github/catalog';
import { processInstallationTokens } from '../../../src/collectors/github/client/app-auth';
import { clearProcessCaches } from '../../../src/collectors/github/client/caches';
import { githubSettingsSchema } from '../../../src/collectors/github/settings';
import { githubTargets } from '../../../src/collectors/github/targets';
import { PermanentError } from '../../../src/errors';
import { startFakeGitHub, type FakeDataset, type FakeGitHub } from '../../../src/fakes/github';
import { projectRoot } from '../../../src/util/paths';
import { byName, collectContext, planContext, secretsOf, settings, TOKEN } from './context';
import { AS_OF, fixture } from './fixture';

const APP_ID = 424242;
const INSTALLATION_ID = 7;
const KEY_SECRET = 'github/app-private-key';

const keyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    // GitHub hands out PKCS#1 keys (BEGIN RSA PRIVATE KEY).
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
const { publicKey, privateKey } = keyPair();
const appSecrets = (key = privateKey) => secretsOf({ [KEY_SECRET]: key });

const dataset: FakeDataset = fixture;

let gh: FakeGitHub;
async function start(tokenTtlMs?: number): Promise<void> {
  gh = await startFakeGitHub({
    dataset,
    app: {
      appId: APP_ID,
      publicKey,
      installations: [INSTALLATION_ID],
      ...(tokenTtlMs ? { tokenTtlMs } : {}),
    },
  });
}
beforeEach(async () => {
  clearProcessCaches();
  await start();
});
afterEach(() => gh.close());

const appSettings = (app: Record<string, unknown> = {}, targets?: unknown) =>
  settings(gh.url, { app: { appId: APP_ID, installationId: INSTALLATION_ID, ...app } }, targets);
const mints = () => gh.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/app/'));

const collect = (group: string, repo = 'acme/widgets', s = appSettings(), key = privateKey) =>
  githubCollector.collect(collectContext(group, repo, s, AS_OF, { secrets: appSecrets(key) }));

async function failure(promise: Promise<unknown>): Promise<Error> {
  const started = Date.now();
  const err = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e as Error,
  );
  expect(Date.now() - started).toBeLessThan(2000);
  return err;
}

describe('a cycle under app auth', () => {
  it('plans and runs every unit as the installation, minting one token for the whole cycle', async () => {
    const s = appSettings({}, { orgs: [{ name: 'acme' }] });
    const plan = planContext(s, AS_OF);
    const targets = await githubTargets({ ...plan, secrets: appSecrets() });
    expect(targets.map((t) => t.id)).toEqual([
      'acme/empty',
      'acme/gadgets-api',
      'acme/gadgets-web',
      'acme/widgets',
    ]);
    // The cycle's 20 units side by side, as the engine runs them.
    const results = await Promise.all(
      targets.flatMap((t) =>
        GROUPS.map((group) =>
          githubCollector.collect(collectContext(group, t.id, s, AS_OF, { secrets: appSecrets() })),
        ),
      ),
    );
    expect(results).toHaveLength(20);

    // One mint (201), then only installation-token requests, none refused: the fake accepts nothing else.
    expect(mints()).toEqual([
      expect.objectContaining({ path: `/app/installations/${INSTALLATION_ID}/access_tokens`, status: 201 }),
    ]);
    expect(gh.app!.minted).toHaveLength(1);
    expect(gh.requests.filter((r) => r.status === 401)).toEqual([]);
    expect(gh.requests.length).toBeGreaterThan(20);

    // The next cycle of the process reuses the token.
    await collect('ci');
    await collect('pulls');
    expect(gh.app!.minted).toHaveLength(1);
  });

  it('merges the mints of units starting together with no token yet into one', async () => {
    await Promise.all(GROUPS.map((g) => collect(g)));
    expect(gh.app!.minted).toHaveLength(1);
  });

  it('pays the REST listings once after a new token (GitHub’s ETags are per token), then 304s again', async () => {
    const statuses = async () => {
      const before = gh.requests.length;
      await collect('ci');
      return gh.requests.slice(before).filter((r) => r.method === 'GET' && r.path.includes('/actions/'));
    };
    await statuses();
    expect((await statuses()).every((r) => r.status === 304)).toBe(true);
    processInstallationTokens.clear();
    const renewed = await statuses();
    expect(renewed.length).toBeGreaterThan(0);
    expect(renewed.every((r) => r.status === 200)).toBe(true);
    expect((await statuses()).every((r) => r.status === 304)).toBe(true);
    expect(gh.app!.minted).toHaveLength(2);
  });

  it('computes what a token computes', async () => {
    const withApp = Object.fromEntries(
      await Promise.all(GROUPS.map(async (g) => [g, byName(await collect(g))] as const)),
    );
    const tokenGh = await startFakeGitHub({ dataset, token: TOKEN });
    try {
      const withToken = Object.fromEntries(
        await Promise.all(
          GROUPS.map(async (g) => {
            const ctx = collectContext(g, 'acme/widgets', settings(tokenGh.url), AS_OF);
            return [g, byName(await githubCollector.collect(ctx))] as const;
          }),
        ),
      );
      expect(withApp).toEqual(withToken);
      expect(withApp.commits!['github.commits.total_7d']).toBeGreaterThan(0);
    } finally {
      await tokenGh.close();
    }
  });

  it('mints a new token once the cached one is within 10 minutes of expiring', async () => {
    await gh.close();
    clearProcessCaches();
    await start(9 * 60_000);
    await collect('api');
    await collect('branches');
    expect(gh.app!.minted).toHaveLength(2);

    await gh.close();
    clearProcessCaches();
    await start(11 * 60_000);
    await collect('api');
    await collect('branches');
    expect(gh.app!.minted).toHaveLength(1);
  });

  it('keeps tokens apart per app, installation, key and API URL', async () => {
    await collect('api');
    const other = keyPair();
    const second = await startFakeGitHub({
      dataset,
      app: { appId: APP_ID, publicKey: other.publicKey, installations: [INSTALLATION_ID] },
    });
    try {
      const s = settings(second.url, { app: { appId: APP_ID, installationId: INSTALLATION_ID } });
      await collect('api', 'acme/widgets', s, other.privateKey);
      expect(second.app!.minted).toHaveLength(1);
      expect(gh.app!.minted).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('mints through the context’s fetch, and a network failure there is retried', async () => {
    const seen: string[] = [];
    const failing: typeof fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      seen.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
      return url.endsWith('/access_tokens')
        ? Promise.reject(new TypeError('fetch failed'))
        : globalThis.fetch(input, init);
    };
    const ctx = collectContext('api', 'acme/widgets', appSettings(), AS_OF, {
      secrets: appSecrets(),
      fetch: failing,
    });
    const err = await failure(githubCollector.collect(ctx));
    expect(err).not.toBeInstanceOf(PermanentError);
    expect(err.message).toMatch(/fetch failed/);
    expect(seen).toEqual([`POST /app/installations/${INSTALLATION_ID}/access_tokens`]);

    // The next attempt, with the network back, goes through.
    await collect('api');
    expect(gh.app!.minted).toHaveLength(1);
  });

  it('retries with a new token when GitHub rejects the cached one', async () => {
    await collect('api');
    gh.app!.revokeTokens();
    // A minute later: auth-app retries a 401 in the first 5 s of a token (GitHub's replication delay).
    jest.useFakeTimers({ doNotFake: REAL_TIMERS, now: Date.now() + 60_000 });
    const err = await failure(collect('branches'));
    expect(err).not.toBeInstanceOf(PermanentError);
    expect(err.message).toBe(
      `GitHub rejected the token of installation ${INSTALLATION_ID} of GitHub App ${APP_ID} ` +
        '(401 Bad credentials); retrying with a new one',
    );
    await collect('branches');
    expect(gh.app!.minted).toHaveLength(2);
  });
});

/** Everything but Date stays real under `jest.useFakeTimers`. */
type FakeTimers = Extract<Parameters<typeof jest.useFakeTimers>[0], { doNotFake?: unknown }>;
const REAL_TIMERS: FakeTimers['doNotFake'] = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
];
afterEach(() => jest.useRealTimers());

describe('the probe under app auth', () => {
  it('mints a token and reads GET /rate_limit, naming the installation', async () => {
    await expect(
      githubCollector.probe({ ...planContext(appSettings(), AS_OF), secrets: appSecrets() }),
    ).resolves.toBe(
      `GitHub API at ${gh.url} as GitHub App ${APP_ID}, installation ${INSTALLATION_ID}: ` +
        '5,000/5,000 core requests left',
    );
    expect(mints()).toHaveLength(1);
  });

  it('takes a key pasted on one line with \\n escapes, and a PKCS#8 key', async () => {
    const oneLine = privateKey.trim().replace(/\n/g, '\\n');
    const probe = (key: string) =>
      githubCollector.probe({ ...planContext(appSettings(), AS_OF), secrets: appSecrets(key) });
    await expect(probe(oneLine)).resolves.toMatch(/core requests left$/);
    const pkcs8 = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    await gh.close();
    gh = await startFakeGitHub({
      dataset,
      app: { appId: String(APP_ID), publicKey: pkcs8.publicKey, installations: [String(INSTALLATION_ID)] },
    });
    clearProcessCaches();
    await expect(probe(pkcs8.privateKey)).resolves.toMatch(/core requests left$/);
  });
});

describe('app auth failures', () => {
  it('a key that is not the app’s: permanent, naming the secret and the app', async () => {
    const err = await failure(collect('ci', 'acme/widgets', appSettings(), keyPair().privateKey));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toBe(
      `GitHub rejected the JWT of GitHub App ${APP_ID} minting a token for installation ${INSTALLATION_ID} ` +
        '(401 A JSON web token could not be decoded). Fix: set the secret github/app-private-key ' +
        '(env GITHUB_APP_PRIVATE_KEY) to the contents of a .pem private key of the GitHub App (its ' +
        'settings → Private keys → Generate a private key), newlines included; check ' +
        'collectors.github.options.app.appId',
    );
    expect(mints()).toEqual([expect.objectContaining({ status: 401 })]);
  });

  it('another app id: permanent, the same fix', async () => {
    const err = await failure(collect('ci', 'acme/widgets', appSettings({ appId: 1 })));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toMatch(/^GitHub rejected the JWT of GitHub App 1 .*\(401 Integration not found\)/);
  });

  it('a JWT refused for its times: permanent, pointing at the clock', async () => {
    // GitHub's clock 20 minutes behind the worker's: the JWT's exp is half an hour ahead for GitHub.
    await gh.close();
    gh = await startFakeGitHub({
      dataset,
      app: { appId: APP_ID, publicKey, installations: [INSTALLATION_ID], clockSkewMs: -20 * 60_000 },
    });
    const err = await failure(collect('ci'));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toBe(
      `GitHub rejected the JWT of GitHub App ${APP_ID} minting a token for installation ${INSTALLATION_ID} ` +
        "(401 'Expiration time' claim ('exp') is too far in the future). Fix: set the worker’s clock right " +
        '(NTP): GitHub checks the JWT’s issue and expiry times',
    );
  });

  it('an unknown installation: permanent, naming installationId', async () => {
    const err = await failure(collect('pulls', 'acme/widgets', appSettings({ installationId: 99 })));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toBe(
      `GitHub App ${APP_ID} has no installation 99 at ${gh.url} (404). Fix: set ` +
        'collectors.github.options.app.installationId to the id of the app’s installation on the ' +
        'organization (the number at the end of …/settings/installations/<id>), and ' +
        'collectors.github.options.app.appId to that app’s id',
    );
    // The probe says the same.
    const probeErr = await failure(
      githubCollector.probe({
        ...planContext(appSettings({ installationId: 99 }), AS_OF),
        secrets: appSecrets(),
      }),
    );
    expect(probeErr).toBeInstanceOf(PermanentError);
    expect(probeErr.message).toMatch(/^GitHub App 424242 has no installation 99 /);
  });

  it('a secret that is not a PEM key, or not an RSA one: permanent, before any request', async () => {
    const err = await failure(collect('ci', 'acme/widgets', appSettings(), 'ghp_not_a_key'));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toMatch(
      /^the secret github\/app-private-key is not a PEM private key \(.+\)\. Fix: set the secret github\/app-private-key/,
    );
    const ec = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const ecErr = await failure(collect('ci', 'acme/widgets', appSettings(), ec.privateKey));
    expect(ecErr.message).toMatch(/^the secret github\/app-private-key is a ec key; GitHub App keys are RSA/);
    expect(gh.requests).toEqual([]);
  });

  it('a missing key secret: permanent, and the token is never asked for', async () => {
    const asked: string[] = [];
    const secrets = {
      get: (name: string) => (asked.push(name), Promise.resolve(undefined)),
      require: (name: string) => (
        asked.push(name),
        Promise.reject(new PermanentError(`secret ${name} is not set`, 'set it'))
      ),
    };
    const err = await failure(
      githubCollector.collect(collectContext('ci', 'acme/widgets', appSettings(), AS_OF, { secrets })),
    );
    expect(err.message).toBe('secret github/app-private-key is not set. Fix: set it');
    expect(asked).toEqual(['github/app-private-key']);
  });
});

describe('the fake GitHub App', () => {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const jwt = (claims: Record<string, unknown>, key = privateKey, alg = 'RS256') => {
    const body = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
    return `${body}.${sign('RSA-SHA256', Buffer.from(body), key).toString('base64url')}`;
  };
  const now = () => Math.floor(Date.now() / 1000);
  const mint = (token: string, installation = INSTALLATION_ID) =>
    fetch(`${gh.url}/app/installations/${installation}/access_tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json' },
    });

  it('answers 201 with GitHub’s shape, and the token opens REST and GraphQL until it expires', async () => {
    const res = await mint(jwt({ iss: APP_ID, iat: now() - 30, exp: now() + 540 }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { token: string; expires_at: string };
    expect(body).toMatchObject({ token: expect.stringMatching(/^ghs_/), repository_selection: 'all' });
    expect(Date.parse(body.expires_at) - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(body.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const auth = { authorization: `token ${body.token}` };
    expect((await fetch(`${gh.url}/repos/acme/widgets`, { headers: auth })).status).toBe(200);
    const gql = await fetch(`${gh.url}/graphql`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ query: '{ rateLimit { remaining } }' }),
    });
    expect(gql.status).toBe(200);
    expect(
      (await fetch(`${gh.url}/rate_limit`, { headers: { authorization: 'token ghs_guess' } })).status,
    ).toBe(401);
  });

  it.each([
    [
      'another key',
      () => jwt({ iss: APP_ID, exp: now() + 60 }, keyPair().privateKey),
      'A JSON web token could not be decoded',
    ],
    [
      'no signature',
      () => jwt({ iss: APP_ID, exp: now() + 60 }).replace(/\.[^.]+$/, '.'),
      'A JSON web token could not be decoded',
    ],
    [
      'HS256',
      () => jwt({ iss: APP_ID, exp: now() + 60 }, privateKey, 'HS256'),
      'A JSON web token could not be decoded',
    ],
    ['another iss', () => jwt({ iss: 1, exp: now() + 60 }), 'Integration not found'],
    [
      'an expired exp',
      () => jwt({ iss: APP_ID, exp: now() - 1 }),
      /^'Expiration time' claim \('exp'\) must be/,
    ],
    [
      'exp over 10 minutes ahead',
      () => jwt({ iss: APP_ID, exp: now() + 660 }),
      "'Expiration time' claim ('exp') is too far in the future",
    ],
    ['not a JWT', () => 'ghp_token', 'A JSON web token could not be decoded'],
  ])('refuses a JWT with %s (401)', async (_what, token, message) => {
    const res = await mint(token());
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toMatch(message);
    expect(gh.app!.minted).toEqual([]);
  });

  it('answers 404 for an installation the app does not have', async () => {
    const res = await mint(jwt({ iss: APP_ID, exp: now() + 60 }), 8);
    expect(res.status).toBe(404);
  });
});

describe('app settings', () => {
  const issues = (app: unknown) =>
    githubSettingsSchema
      .safeParse({ targets: { repos: ['a/b'] }, options: { app } })
      .error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('takes an App ID or Client ID and an installation id, as numbers or digit strings', () => {
    expect(issues({ appId: 12, installationId: '345' })).toEqual([]);
    expect(issues({ appId: '12', installationId: 345 })).toEqual([]);
    expect(issues({ appId: 'Iv23liAbCdEf012345', installationId: 3 })).toEqual([]);
  });

  it('names each bad field', () => {
    expect(issues({ appId: 'my-app', installationId: 0 })).toEqual([
      'options.app.appId: must be the App ID (a number) or the Client ID (Iv…) of the GitHub App',
      'options.app.installationId: must be the installation id, a positive whole number',
    ]);
    expect(issues({ appId: 1.5, installationId: '07' })).toEqual([
      'options.app.appId: must be the App ID (a number) or the Client ID (Iv…) of the GitHub App',
      'options.app.installationId: must be the installation id, a positive whole number',
    ]);
    expect(issues({ appId: 1 })).toEqual([
      'options.app.installationId: must be the installation id, a positive whole number',
    ]);
    expect(issues({ appId: 1, installationId: 2, privateKey: 'x' })).toEqual([
      expect.stringMatching(/^options\.app: .*privateKey/),
    ]);
  });

  it('the README’s app example is a valid section', () => {
    const readme = readFileSync(join(projectRoot(), 'src', 'collectors', 'github', 'README.md'), 'utf8');
    const auth = readme.slice(readme.indexOf('## Authentication'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(auth)![1]!;
    const section = (parse(yaml) as { collectors: { github: unknown } }).collectors.github as {
      targets: unknown;
      options: unknown;
    };
    const parsed = githubSettingsSchema.parse({ targets: section.targets, options: section.options });
    expect(parsed.options.app).toEqual({ appId: expect.anything(), installationId: expect.anything() });
  });
});
