import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LOCKOUT } from './auth/password-policy';
import { ids, members, TEST_SCRYPT } from './test-support/fixture';
import { openTestServer, type TestServer } from './test-support/harness';

// The public registration routes answer anyone: each has its own count per address, as login has.
// The limiter keeps its counts in memory, so one engine is enough.

const RATE_LIMITED_VI = /^Có quá nhiều yêu cầu\. Vui lòng thử lại sau \d+ giây\.$/;
const HOA = members.find((m) => m.id === ids.members[1])!;

let t: TestServer;
beforeAll(async () => {
  t = await openTestServer({
    engine: 'sqlite',
    postgresUrl: '',
    server: {
      auth: {
        rateLimits: { perAddressPerMinute: 3, overallPerMinute: 100 },
        passwords: { lockout: LOGIN_LOCKOUT, scrypt: TEST_SCRYPT },
      },
    },
  });
});
afterAll(() => t?.close());

const lookup = (remoteAddress: string) =>
  t.app.inject({
    method: 'POST',
    url: '/v1/accounts/lookup',
    payload: { citizenId: HOA.citizenId, cardNo: HOA.cardNo },
    remoteAddress,
  });

const cells = (remoteAddress: string) =>
  t.app.inject({ method: 'GET', url: '/v1/accounts/cells?q=to%20dan%20pho', remoteAddress });

const register = (remoteAddress: string, username: string, password = 'mat khau moi 2026') =>
  t.app.inject({
    method: 'POST',
    url: '/v1/accounts/registrations',
    payload: {
      identity: { kind: 'password', username, password },
      declared: {
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
      },
    },
    remoteAddress,
  });

const users = async () =>
  Number(
    (
      await t.server.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('public account routes under a flood', () => {
  it('the lookup answers 429 in Vietnamese past the per-address limit, for that address only', async () => {
    for (let i = 0; i < 3; i++) expect((await lookup('10.0.1.1')).statusCode).toBe(200);
    const limited = await lookup('10.0.1.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'rate_limited', messageVi: RATE_LIMITED_VI });
    // Nothing of the record leaks in the refusal.
    expect(limited.body).not.toContain(HOA.fullName);
    expect((await lookup('10.0.1.2')).statusCode).toBe(200);
  });

  it('the cell search has its own count', async () => {
    for (let i = 0; i < 3; i++) expect((await cells('10.0.2.1')).statusCode).toBe(200);
    expect((await cells('10.0.2.1')).statusCode).toBe(429);
    // The lookup of that address is not spent by the searches.
    expect((await lookup('10.0.2.1')).statusCode).toBe(200);
  });

  it('a registration over the limit writes nothing', async () => {
    // Three refused registrations (a weak password) spend the address's count.
    for (const name of ['dk.a', 'dk.b', 'dk.c']) {
      const res = await register('10.0.3.1', name, 'ngan');
      expect(res.json()).toMatchObject({ error: 'weak_password' });
    }
    const before = await users();
    const limited = await register('10.0.3.1', 'dv.hoa');
    expect(limited.statusCode).toBe(429);
    expect(await users()).toBe(before);
    // From another address the same registration goes through.
    expect((await register('10.0.3.2', 'dv.hoa')).statusCode).toBe(201);
    expect(await users()).toBe(before + 1);
  });
});
