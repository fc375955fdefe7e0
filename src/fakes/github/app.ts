/**
 * A GitHub App as GitHub serves it to its installations: `POST /app/installations/{id}/access_tokens`
 * takes a JWT signed (RS256) with the app's private key — checked here with the app's public key,
 * `iss` = the app id, `exp` in the future and at most 10 minutes ahead — and answers 201 with a new
 * installation token (`ghs_…`) and its `expires_at`; that token then opens the REST and GraphQL routes
 * until it expires. A bad JWT gets 401, an unknown installation 404, in GitHub's words.
 */
import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface FakeGitHubAppOptions {
  /** The App ID (`iss` of its JWTs; GitHub also takes the Client ID there). */
  readonly appId: number | string;
  /** The app's public key (PEM or KeyObject): JWTs must be signed with its private key. */
  readonly publicKey: string | KeyObject;
  /** Ids of the app's installations; others get 404. */
  readonly installations: readonly (number | string)[];
  /** Lifetime of the tokens it mints. Default: an hour, as GitHub's. */
  readonly tokenTtlMs?: number;
  /** How far GitHub's clock is ahead of this machine's (negative: behind), for JWT time checks. */
  readonly clockSkewMs?: number;
}

export interface MintedToken {
  readonly token: string;
  readonly installationId: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

export interface MintAnswer {
  readonly status: number;
  readonly body: unknown;
}

const DOCS = 'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app';
/** GitHub's "no more than 10 minutes into the future". */
const MAX_JWT_LIFETIME_S = 600;
/** Answers to a bad JWT, as GitHub words them. */
const UNDECODABLE = 'A JSON web token could not be decoded';
const EXPIRED =
  "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
const TOO_LONG = "'Expiration time' claim ('exp') is too far in the future";
export const INSTALLATION_PATH = /^\/app\/installations\/(?<id>[^/]+)\/access_tokens$/;

export class FakeGitHubApp {
  /** Every token minted, newest last (tests count the mints). */
  readonly minted: MintedToken[] = [];
  private readonly publicKey: KeyObject;
  private readonly valid = new Map<string, MintedToken>();

  private readonly now: () => number;

  constructor(private readonly options: FakeGitHubAppOptions) {
    this.now = () => Date.now() + (options.clockSkewMs ?? 0);
    this.publicKey =
      typeof options.publicKey === 'string' ? createPublicKey(options.publicKey) : options.publicKey;
  }

  /** `POST /app/installations/{installationId}/access_tokens` with the request's `Authorization`. */
  mint(req: IncomingMessage, installationId: string): MintAnswer {
    const problem = this.jwtProblem(req.headers.authorization ?? '');
    if (problem) return { status: 401, body: { message: problem, documentation_url: DOCS, status: '401' } };
    if (!this.options.installations.some((id) => String(id) === installationId)) {
      return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
    }
    const expiresAt = Math.floor((this.now() + (this.options.tokenTtlMs ?? 3_600_000)) / 1000) * 1000;
    const minted = { token: `ghs_${randomBytes(18).toString('base64url')}`, installationId, expiresAt };
    this.minted.push(minted);
    this.valid.set(minted.token, minted);
    return {
      status: 201,
      body: {
        token: minted.token,
        expires_at: new Date(expiresAt).toISOString().replace('.000Z', 'Z'),
        permissions: { metadata: 'read', contents: 'read', pull_requests: 'read', actions: 'read' },
        repository_selection: 'all',
      },
    };
  }

  /** True when `token` is an installation token it minted that has not expired. */
  accepts(token: string): boolean {
    const minted = this.valid.get(token);
    return minted !== undefined && minted.expiresAt > this.now();
  }

  /** Revokes every token it minted (as uninstalling the app would). */
  revokeTokens(): void {
    this.valid.clear();
  }

  /** Why GitHub would refuse this `Authorization: Bearer <jwt>`, or undefined when it is good. */
  private jwtProblem(authorization: string): string | undefined {
    const [scheme, jwt = ''] = authorization.split(/\s+/, 2);
    if (!/^bearer$/i.test(scheme ?? '')) return UNDECODABLE;
    const [header, payload, signature, ...rest] = jwt.split('.');
    if (!header || !payload || !signature || rest.length) return UNDECODABLE;
    let claims: { iss?: unknown; exp?: unknown; iat?: unknown };
    try {
      const { alg } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
      if (alg !== 'RS256') return UNDECODABLE;
      const signed = verify(
        'RSA-SHA256',
        Buffer.from(`${header}.${payload}`),
        this.publicKey,
        Buffer.from(signature, 'base64url'),
      );
      if (!signed) return UNDECODABLE;
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return UNDECODABLE;
    }
    if (String(claims.iss) !== String(this.options.appId)) return 'Integration not found';
    const nowS = this.now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp <= nowS) return EXPIRED;
    if (claims.exp - nowS > MAX_JWT_LIFETIME_S) return TOO_LONG;
    if (typeof claims.iat === 'number' && claims.iat > nowS + 60) {
      return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
    }
    return undefined;
  }
}
