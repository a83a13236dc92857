import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { OidcLoginRequest, Session } from '../../src/api/auth';
import { notApproved } from './account-status';
import type { ServerContext } from '../context';
import { HttpError } from '../errors';
import { issueVerifiedSession } from './sessions';

/**
 * Sign-in with an OpenID Connect provider (VNeID in production; docs/decisions/0020): the desktop
 * runs the authorization code flow with PKCE and hands us the ID token; we check it against the
 * provider's published keys and map the person to an account by the citizen id (CCCD) claim.
 */
export const OidcServerConfig = z.object({
  /** Exactly as the provider writes it in `iss` and in its discovery document. */
  issuer: z.url({ protocol: /^https?$/ }),
  /** Our client id at the provider: the ID token's audience. */
  clientId: z.string().min(1).max(200),
  /**
   * The claim holding the 12-digit citizen id. VNeID's real claim name is not public: it is set
   * per deployment (OIDC_CITIZEN_ID_CLAIM); `citizen_id` is our default and the test provider's.
   */
  citizenIdClaim: z.string().min(1).max(100).default('citizen_id'),
});
export type OidcServerConfig = z.infer<typeof OidcServerConfig>;

/** OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CITIZEN_ID_CLAIM; undefined when no issuer is set. */
export function oidcConfigFromEnv(env: NodeJS.ProcessEnv): OidcServerConfig | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  return OidcServerConfig.parse({
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    citizenIdClaim: env.OIDC_CITIZEN_ID_CLAIM || undefined,
  });
}

/**
 * Signature algorithms we accept; `none`, HMAC (a key the client also knows) and the rest never.
 */
export const OIDC_ALGORITHMS = ['RS256', 'ES256'];
const CLOCK_TOLERANCE_SECONDS = 60;
/** An ID token is used right after it is issued: an older one is a replay or a stale tab. */
const MAX_TOKEN_AGE = '10m';

const CitizenId = z.string().regex(/^\d{12}$/);
const Discovery = z.object({ issuer: z.string(), jwks_uri: z.url({ protocol: /^https?$/ }) });

const oidcError = (status: number, error: string, message: string, messageVi: string) =>
  new HttpError(status, { error, message, messageVi });

export const oidcNotConfigured = () =>
  oidcError(
    503,
    'oidc_not_configured',
    'No OpenID provider is configured on this server',
    'Máy chủ chưa được cấu hình đăng nhập bằng VNeID.',
  );
const providerUnavailable = (reason: string) =>
  oidcError(
    503,
    'oidc_provider_unavailable',
    `OpenID provider unavailable: ${reason}`,
    'Không kết nối được với hệ thống định danh (VNeID). Vui lòng thử lại sau.',
  );
const invalidIdToken = (reason: string) =>
  oidcError(
    401,
    'oidc_invalid_token',
    `ID token refused: ${reason}`,
    'Kết quả xác thực từ VNeID không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.',
  );
const unknownIdentity = () =>
  oidcError(
    401,
    'oidc_unknown_identity',
    'No account is linked to this citizen id',
    'Tài khoản định danh này chưa được liên kết với tài khoản nào của hệ thống. Vui lòng liên hệ quản trị đơn vị.',
  );
const ambiguousIdentity = () =>
  oidcError(
    401,
    'oidc_ambiguous_identity',
    'More than one active account has this citizen id',
    'Có nhiều tài khoản cùng số định danh này. Vui lòng liên hệ quản trị đơn vị.',
  );
const accountDisabled = () =>
  oidcError(
    401,
    'account_disabled',
    'The account linked to this citizen id is not active',
    'Tài khoản đã bị khóa hoặc ngừng hoạt động. Vui lòng liên hệ quản trị đơn vị.',
  );

export interface OidcVerifier {
  /** The citizen id of a valid ID token issued for this login (its nonce); throws HttpError. */
  citizenIdOf(request: OidcLoginRequest): Promise<string>;
}

/**
 * Checks ID tokens against the provider's keys, found through its discovery document on first
 * use (and again after a failure). jose refetches the key set when a token names an unknown key.
 */
export function oidcVerifier(
  config: OidcServerConfig,
  now: () => Date,
  fetchImpl: typeof fetch = fetch,
): OidcVerifier {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const url = `${config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const res = await fetchImpl(url, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`discovery answered ${res.status}`);
    const doc = Discovery.parse(await res.json());
    // OIDC Discovery 4.3: the document must name the issuer we were configured with.
    if (doc.issuer !== config.issuer) throw new Error(`discovery names issuer ${doc.issuer}`);
    return createRemoteJWKSet(new URL(doc.jwks_uri), { timeoutDuration: 10_000 });
  };
  const keySet = () => {
    keys ??= discover().catch((err: unknown) => {
      keys = undefined;
      throw providerUnavailable((err as Error).message);
    });
    return keys;
  };

  return {
    async citizenIdOf({ idToken, nonce }) {
      const getKey = await keySet();
      let payload;
      try {
        ({ payload } = await jwtVerify(idToken, getKey, {
          issuer: config.issuer,
          audience: config.clientId,
          algorithms: OIDC_ALGORITHMS,
          requiredClaims: ['sub', 'iat', 'exp', 'nonce'],
          maxTokenAge: MAX_TOKEN_AGE,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          currentDate: now(),
        }));
      } catch (err) {
        if (err instanceof joseErrors.JWKSTimeout || !(err instanceof joseErrors.JOSEError))
          throw providerUnavailable((err as Error).message);
        throw invalidIdToken(`${err.code}: ${err.message}`);
      }
      // OIDC Core 3.1.3.7: with several audiences, we must be the authorized party.
      if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== config.clientId)
        throw invalidIdToken('azp is not our client');
      if (payload.nonce !== nonce) throw invalidIdToken('nonce does not match this login');
      const citizenId = CitizenId.safeParse(payload[config.citizenIdClaim]);
      if (!citizenId.success)
        throw invalidIdToken(`claim ${config.citizenIdClaim} missing or not a 12-digit citizen id`);
      return citizenId.data;
    },
  };
}

/** The one active account with this citizen id; refusals say why in Vietnamese. */
async function accountOfCitizen(ctx: ServerContext, citizenId: string): Promise<string> {
  const rows = await ctx.db
    .selectFrom('users')
    .select(['id', 'status'])
    .where('citizen_id', '=', citizenId)
    .where('deleted', '=', 0)
    .execute();
  const active = rows.filter((r) => r.status === 'active');
  if (active.length > 1) throw ambiguousIdentity();
  if (active[0]) return active[0].id;
  // A member's registration waiting for, or refused by, the cell secretary says so.
  for (const status of ['pending', 'refused']) {
    const row = rows.find((r) => r.status === status);
    const refusal = row ? await notApproved(ctx.db, row.id, status) : null;
    if (refusal) throw refusal;
  }
  throw rows.length > 0 ? accountDisabled() : unknownIdentity();
}

/** Our session (access + refresh token) for the account of a valid ID token. */
export async function oidcLogin(
  ctx: ServerContext,
  verifier: OidcVerifier | undefined,
  request: OidcLoginRequest,
): Promise<Session> {
  if (!verifier) throw oidcNotConfigured();
  const citizenId = await verifier.citizenIdOf(request);
  const userId = await accountOfCitizen(ctx, citizenId);
  const session = await issueVerifiedSession(ctx, userId);
  // Deactivated between the lookup and the session: the same answer as above.
  if (!session) throw accountDisabled();
  return session;
}
