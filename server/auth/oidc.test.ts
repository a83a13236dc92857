import type { FastifyInstance } from 'fastify';
import { generateKeyPair, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CITIZEN_ID_CLAIM,
  idTokenByDesktopFlow,
  OTHER_OIDC_CLIENT_ID,
  startTestOidcProvider,
  TEST_OIDC_CLIENT_ID,
  type TestOidcProvider,
} from '../../scripts/test-support/oidc-provider';
import { Session } from '../../src/api/auth';
import { buildServer } from '../app';
import type { AuthOptions } from '../routes/auth';
import { ids, TEST_SCRYPT, PASSWORD } from '../test-support/fixture';
import { openTestServer, type TestServer } from '../test-support/harness';
import { LOGIN_LOCKOUT } from './password-policy';
import { DEFAULT_AUTH_RATE_LIMITS } from './rate-limits';

// Citizen ids of the fixture's accounts (server/test-support/fixture.ts).
const SECRETARY_CCCD = '001070000203';
const INACTIVE_CCCD = '001078000204';
const NOBODY_CCCD = '001099999999';

let provider: TestOidcProvider;
let t: TestServer;
let app: FastifyInstance;
let noOidc: FastifyInstance;
let clock: { now: Date };

const authOptions = (extra: Partial<AuthOptions>): AuthOptions => ({
  rateLimits: DEFAULT_AUTH_RATE_LIMITS,
  passwords: { lockout: LOGIN_LOCKOUT, scrypt: TEST_SCRYPT },
  ...extra,
});

beforeAll(async () => {
  provider = await startTestOidcProvider([
    { login: 'bithu', citizenId: SECRETARY_CCCD },
    { login: 'nghiviec', citizenId: INACTIVE_CCCD },
    { login: 'nguoila', citizenId: NOBODY_CCCD },
  ]);
  const oidc = {
    issuer: provider.issuer,
    clientId: TEST_OIDC_CLIENT_ID,
    citizenIdClaim: 'citizen_id',
  };
  t = await openTestServer({
    engine: 'sqlite',
    postgresUrl: '',
    startsAt: new Date(),
    server: { auth: authOptions({ oidc, passwordLogin: false }) },
  });
  ({ app, clock } = t);
  // The same database behind a server with no provider configured.
  noOidc = await buildServer({ db: t.server, logger: false, auth: authOptions({}) });
});
afterAll(async () => {
  await noOidc?.close();
  await t?.close();
  await provider?.close();
});

const postOidc = (body: OidcResult, server = app) =>
  server.inject({ method: 'POST', url: '/v1/auth/oidc', payload: body });

type OidcResult = Awaited<ReturnType<typeof idTokenByDesktopFlow>>;
const idTokenFor = (login: string, clientId = TEST_OIDC_CLIENT_ID) =>
  idTokenByDesktopFlow(provider, login, clientId);

const claimsFor = (overrides: JWTPayload): JWTPayload => {
  const now = Math.floor(clock.now.getTime() / 1000);
  return {
    iss: provider.issuer,
    aud: TEST_OIDC_CLIENT_ID,
    sub: 'bithu',
    iat: now,
    exp: now + 600,
    nonce: 'n'.repeat(32),
    [CITIZEN_ID_CLAIM]: SECRETARY_CCCD,
    ...overrides,
  };
};

const expectRefused = async (body: OidcResult, error: string, messageVi: RegExp) => {
  const res = await postOidc(body);
  expect(res.statusCode, res.body).toBe(401);
  expect(res.json()).toMatchObject({ error, messageVi: expect.stringMatching(messageVi) });
};
const INVALID_VI = /^Kết quả xác thực từ VNeID không hợp lệ/;

describe('POST /v1/auth/oidc', () => {
  beforeAll(() => {
    clock.now = new Date();
  });

  it('signs the mapped account in with an ID token of the real flow, and its access token works', async () => {
    const token = await idTokenFor('bithu');
    const res = await postOidc(token);
    expect(res.statusCode, res.body).toBe(200);
    const session = Session.parse(res.json());
    expect(session.user).toMatchObject({ id: ids.secretary, username: 'bithu.tdp1' });
    const me = await app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(me.statusCode).toBe(200);
    const refreshed = await app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: session.refreshToken },
    });
    expect(refreshed.statusCode).toBe(200);
  });

  it('refuses a token of the same provider issued to another application (audience)', async () => {
    const token = await idTokenFor('bithu', OTHER_OIDC_CLIENT_ID);
    await expectRefused(token, 'oidc_invalid_token', INVALID_VI);
    const res = await postOidc(token);
    expect(res.json().message).toMatch(/aud/);
  });

  it('refuses a token whose nonce is not the one of this login', async () => {
    const token = await idTokenFor('bithu');
    await expectRefused({ ...token, nonce: 'x'.repeat(32) }, 'oidc_invalid_token', INVALID_VI);
  });

  it('refuses a token once it has expired, and one issued too long ago', async () => {
    const token = await idTokenFor('bithu');
    clock.now = new Date(Date.now() + 2 * 3600_000);
    try {
      await expectRefused(token, 'oidc_invalid_token', INVALID_VI);
      expect((await postOidc(token)).json().message).toMatch(/ERR_JWT_EXPIRED/);
    } finally {
      clock.now = new Date();
    }
    const old = claimsFor({ iat: Math.floor(Date.now() / 1000) - 3600 });
    await expectRefused(
      { idToken: await provider.signWithProviderKey(old), nonce: 'n'.repeat(32) },
      'oidc_invalid_token',
      INVALID_VI,
    );
  });

  it('accepts a token it signs itself with the provider key (the control of the forgeries below)', async () => {
    const idToken = await provider.signWithProviderKey(claimsFor({}));
    expect((await postOidc({ idToken, nonce: 'n'.repeat(32) })).statusCode).toBe(200);
  });

  it('refuses a token naming another issuer, even signed by the provider key', async () => {
    const idToken = await provider.signWithProviderKey(
      claimsFor({ iss: 'https://gia-mao.example' }),
    );
    await expectRefused({ idToken, nonce: 'n'.repeat(32) }, 'oidc_invalid_token', INVALID_VI);
    expect((await postOidc({ idToken, nonce: 'n'.repeat(32) })).json().message).toMatch(/iss/);
  });

  it('refuses a token signed by another key under the provider key id', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const idToken = await new SignJWT(claimsFor({}))
      .setProtectedHeader({ alg: 'RS256', kid: 'test-rs256' })
      .sign(privateKey);
    await expectRefused({ idToken, nonce: 'n'.repeat(32) }, 'oidc_invalid_token', INVALID_VI);
  });

  it('refuses unsigned tokens and HMAC tokens (algorithms outside RS256/ES256)', async () => {
    const unsigned = new UnsecuredJWT(claimsFor({})).encode();
    await expectRefused(
      { idToken: unsigned, nonce: 'n'.repeat(32) },
      'oidc_invalid_token',
      INVALID_VI,
    );
    const hmac = await new SignJWT(claimsFor({}))
      .setProtectedHeader({ alg: 'HS256', kid: 'test-rs256' })
      .sign(new TextEncoder().encode('a shared secret anybody could pick'));
    await expectRefused({ idToken: hmac, nonce: 'n'.repeat(32) }, 'oidc_invalid_token', INVALID_VI);
  });

  it('refuses a token without a well-formed citizen id claim', async () => {
    const idToken = await provider.signWithProviderKey(claimsFor({ [CITIZEN_ID_CLAIM]: '12345' }));
    await expectRefused({ idToken, nonce: 'n'.repeat(32) }, 'oidc_invalid_token', INVALID_VI);
  });

  it('refuses a citizen id no account has', async () => {
    const token = await idTokenFor('nguoila');
    await expectRefused(
      token,
      'oidc_unknown_identity',
      /^Tài khoản định danh này chưa được liên kết/,
    );
  });

  it('refuses the citizen id of an inactive account', async () => {
    const token = await idTokenFor('nghiviec');
    await expectRefused(token, 'account_disabled', /^Tài khoản đã bị khóa hoặc ngừng hoạt động/);
  });
});

describe('server options', () => {
  it('answers 503 in Vietnamese when no provider is configured', async () => {
    const token = await idTokenFor('bithu');
    const res = await postOidc(token, noOidc);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      error: 'oidc_not_configured',
      messageVi: 'Máy chủ chưa được cấu hình đăng nhập bằng VNeID.',
    });
  });

  it('refuses password login where it is turned off, and allows it by default', async () => {
    const payload = { username: 'bithu.tdp1', password: PASSWORD };
    const off = await app.inject({ method: 'POST', url: '/v1/auth/login', payload });
    expect(off.statusCode).toBe(403);
    expect(off.json()).toMatchObject({ error: 'password_login_disabled' });
    const on = await noOidc.inject({ method: 'POST', url: '/v1/auth/login', payload });
    expect(on.statusCode).toBe(200);
  });
});
