import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  idTokenByDesktopFlow,
  startTestOidcProvider,
  TEST_OIDC_CLIENT_ID,
  type TestOidcProvider,
} from '../scripts/test-support/oidc-provider';
import type { DeclaredMember } from '../src/domain/accounts/account-request';
import { LOGIN_LOCKOUT } from './auth/password-policy';
import { DEFAULT_AUTH_RATE_LIMITS } from './auth/rate-limits';
import { findAccountRequest } from './repositories/accounts';
import { ids, members, TEST_SCRYPT } from './test-support/fixture';
import { openTestServer, type TestServer } from './test-support/harness';

// Registration through VNeID: the provider proves the citizen id, the form declares the rest.
const HOA = members.find((m) => m.id === ids.members[1])!;

let provider: TestOidcProvider;
let t: TestServer;

beforeAll(async () => {
  provider = await startTestOidcProvider([
    { login: 'hoa', citizenId: HOA.citizenId },
    { login: 'nguoila', citizenId: '001099999999' },
    // The fixture's secretary of cell 1 (server/test-support/fixture.ts).
    { login: 'bithu', citizenId: '001070000203' },
  ]);
  t = await openTestServer({
    engine: 'sqlite',
    postgresUrl: '',
    wallClock: true,
    server: {
      auth: {
        rateLimits: DEFAULT_AUTH_RATE_LIMITS,
        passwords: { lockout: LOGIN_LOCKOUT, scrypt: TEST_SCRYPT },
        oidc: {
          issuer: provider.issuer,
          clientId: TEST_OIDC_CLIENT_ID,
          citizenIdClaim: 'citizen_id',
        },
        passwordLogin: false,
      },
    },
  });
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

const declared: DeclaredMember = {
  fullName: HOA.fullName,
  birthDate: HOA.birthDate,
  sex: HOA.sex,
  citizenId: HOA.citizenId,
  cardNo: HOA.cardNo,
  profileNo: null,
  homeOrgId: HOA.homeOrgId,
  residenceOrgId: null,
  phone: '0911222333',
  email: null,
  position: null,
};

const post = (url: string, payload: object, token?: string) =>
  t.app.inject({
    method: 'POST',
    url,
    payload,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('registration through the OpenID provider', () => {
  it('refuses a token of another citizen than the declared one', async () => {
    const token = await idTokenByDesktopFlow(provider, 'nguoila', TEST_OIDC_CLIENT_ID);
    const res = await post('/v1/accounts/registrations', {
      identity: { kind: 'oidc', ...token },
      declared,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'citizen_id_mismatch' });
  });

  it('refuses a password registration where password sign-in is off', async () => {
    const res = await post('/v1/accounts/registrations', {
      identity: { kind: 'password', username: 'dv.hoa', password: 'mat khau 2026' },
      declared,
    });
    expect(res.json()).toMatchObject({ error: 'password_login_disabled' });
  });

  it('makes an account without password that signs in through VNeID once approved', async () => {
    const token = await idTokenByDesktopFlow(provider, 'hoa', TEST_OIDC_CLIENT_ID);
    const res = await post('/v1/accounts/registrations', {
      identity: { kind: 'oidc', ...token },
      declared,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { requestId, userId } = res.json();
    const user = await t.server.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ status: 'pending', password_hash: null });

    const waiting = await post(
      '/v1/auth/oidc',
      await idTokenByDesktopFlow(provider, 'hoa', TEST_OIDC_CLIENT_ID),
    );
    expect(waiting.statusCode).toBe(403);
    expect(waiting.json()).toMatchObject({ error: 'account_pending' });

    // The cell secretary signs in through VNeID too, and approves over push.
    const secretary = await post(
      '/v1/auth/oidc',
      await idTokenByDesktopFlow(provider, 'bithu', TEST_OIDC_CLIENT_ID),
    );
    expect(secretary.statusCode, secretary.body).toBe(200);
    const rev = (await findAccountRequest(t.server.db, requestId))!.rev;
    const pushed = await post(
      '/v1/sync/push',
      {
        mutations: [
          {
            id: randomUUID(),
            entity: 'accountRequest',
            entityId: requestId,
            baseRev: rev,
            action: { type: 'approve' },
          },
        ],
      },
      secretary.json().accessToken,
    );
    expect(pushed.json().results[0]).toMatchObject({ status: 'applied' });

    const signedIn = await post(
      '/v1/auth/oidc',
      await idTokenByDesktopFlow(provider, 'hoa', TEST_OIDC_CLIENT_ID),
    );
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json().user).toMatchObject({ id: userId, username: `vneid.${HOA.citizenId}` });
  });
});
