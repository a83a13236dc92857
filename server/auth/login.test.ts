import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../../scripts/test-support/databases';
import { Session } from '../../src/api/auth';
import { hashParams, scryptDerivations } from '../../src/auth/passwords';
import type { ServerDb } from '../../src/db/server-db';
import type { AuthOptions } from '../routes/auth';
import { ids, PASSWORD, TEST_SCRYPT } from '../test-support/fixture';
import { openTestServer } from '../test-support/harness';
import { LOGIN_LOCKOUT } from './password-policy';
import { DEFAULT_AUTH_RATE_LIMITS } from './rate-limits';
import { REFRESH_TOKEN_SESSION_MS, REFRESH_TOKEN_TTL_MS } from './refresh-tokens';

const DAY_MS = 24 * 3600 * 1000;
const RATE_LIMITED_VI = /^Có quá nhiều yêu cầu\. Vui lòng thử lại sau \d+ giây\.$/;

/** The API on a seeded database with its own auth options and a clock the tests move. */
async function serverWith(engine: (typeof serverEngines)[number], auth: AuthOptions) {
  const t = await openTestServer({ engine, postgresUrl: inject('postgresUrl'), server: { auth } });
  const { app } = t;
  return {
    app,
    db: t.server,
    clock: t.clock,
    login: (username: string, password: string, remoteAddress = '127.0.0.1') =>
      app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { username, password },
        remoteAddress,
      }),
    refresh: (refreshToken: string, remoteAddress = '127.0.0.1') =>
      app.inject({
        method: 'POST',
        url: '/v1/auth/refresh',
        payload: { refreshToken },
        remoteAddress,
      }),
    close: t.close,
  };
}

const generous: AuthOptions = {
  rateLimits: DEFAULT_AUTH_RATE_LIMITS,
  passwords: { lockout: LOGIN_LOCKOUT, scrypt: TEST_SCRYPT },
};

describe.each(serverEngines)('login on %s', (engine) => {
  let t: Awaited<ReturnType<typeof serverWith>>;
  beforeAll(async () => {
    t = await serverWith(engine, generous);
  });
  afterAll(() => t?.close());

  it('checks at most 5 of 40 parallel wrong passwords for one account, then says it is locked', async () => {
    const before = scryptDerivations();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => t.login('bithu.tdp1', `sai mật khẩu ${i}`)),
    );
    const checked = scryptDerivations() - before;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(LOGIN_LOCKOUT.maxFailures);
    const bodies = answers.map((a) => a.json() as { error: string; messageVi: string });
    expect(answers.every((a) => a.statusCode === 401)).toBe(true);
    const locked = bodies.filter((b) => b.error === 'account_locked');
    expect(locked.length).toBeGreaterThanOrEqual(40 - LOGIN_LOCKOUT.maxFailures);
    for (const b of locked) expect(b.messageVi).toMatch(/Tài khoản .*bị khóa.* sau 15 phút\./);
    expect(bodies.filter((b) => b.error === 'invalid_credentials').length).toBeLessThan(
      LOGIN_LOCKOUT.maxFailures,
    );

    // The right password during the lock is refused, and costs no check either.
    const during = scryptDerivations();
    const right = await t.login('bithu.tdp1', PASSWORD);
    expect(right.json()).toMatchObject({ error: 'account_locked' });
    expect(scryptDerivations()).toBe(during);

    // Minutes left count down with the clock; after the lock, the right password gets in.
    const start = t.clock.now;
    try {
      t.clock.now = new Date(start.getTime() + 11 * 60_000);
      expect((await t.login('bithu.tdp1', PASSWORD)).json()).toMatchObject({
        messageVi: expect.stringContaining('sau 4 phút') as string,
      });
      t.clock.now = new Date(start.getTime() + LOGIN_LOCKOUT.lockMs + 1);
      expect((await t.login('bithu.tdp1', PASSWORD)).statusCode).toBe(200);
    } finally {
      t.clock.now = start;
    }
  });

  it('gives the count back after a success, and a new count after a lock has ended', async () => {
    for (let i = 0; i < 4; i++)
      expect((await t.login('qt.phucloi', `sai ${i}`)).json()).toMatchObject({
        error: 'invalid_credentials',
      });
    expect((await t.login('qt.phucloi', PASSWORD)).statusCode).toBe(200);
    // Four more failures do not lock: the success cleared the count.
    for (let i = 0; i < 4; i++)
      expect((await t.login('qt.phucloi', `sai ${i}`)).json()).toMatchObject({
        error: 'invalid_credentials',
      });
    expect((await t.login('qt.phucloi', 'sai 5')).json()).toMatchObject({
      error: 'account_locked',
    });
    const start = t.clock.now;
    try {
      t.clock.now = new Date(start.getTime() + LOGIN_LOCKOUT.lockMs);
      // A new count: the first failure after the lock is an ordinary one, not a lock.
      expect((await t.login('qt.phucloi', 'sai 6')).json()).toMatchObject({
        error: 'invalid_credentials',
      });
    } finally {
      t.clock.now = start;
    }
  });

  it('ends a session at its absolute lifetime however often it was refreshed', async () => {
    const first = Session.parse((await t.login('qt.thanhpho', PASSWORD)).json());
    const start = t.clock.now;
    try {
      let token = first.refreshToken;
      // Refreshing every 10 days slides each token, but not past 30 days from the login.
      for (let day = 10; day < REFRESH_TOKEN_SESSION_MS / DAY_MS; day += 10) {
        t.clock.now = new Date(start.getTime() + day * DAY_MS);
        const res = await t.refresh(token);
        expect(res.statusCode).toBe(200);
        token = Session.parse(res.json()).refreshToken;
      }
      t.clock.now = new Date(start.getTime() + REFRESH_TOKEN_SESSION_MS);
      const ended = await t.refresh(token);
      expect(ended.statusCode).toBe(401);
      expect(ended.json()).toMatchObject({ error: 'unauthorized' });
    } finally {
      t.clock.now = start;
    }
  });

  it('ends an idle session at its sliding lifetime', async () => {
    const session = Session.parse((await t.login('qt.thanhpho', PASSWORD)).json());
    const start = t.clock.now;
    try {
      t.clock.now = new Date(start.getTime() + REFRESH_TOKEN_TTL_MS);
      expect((await t.refresh(session.refreshToken)).statusCode).toBe(401);
    } finally {
      t.clock.now = start;
    }
  });
});

describe.each(serverEngines)('login limits and rehash on %s', (engine) => {
  const readHash = async (db: ServerDb, id: string) =>
    (
      await db.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).password_hash!;

  it('answers 429 in Vietnamese past the per-address limit, for that address only', async () => {
    const t = await serverWith(engine, {
      ...generous,
      rateLimits: { perAddressPerMinute: 3, overallPerMinute: 100 },
    });
    try {
      // Different names: the lockout is not what stops them.
      for (const name of ['a1', 'a2', 'a3'])
        expect((await t.login(name, 'x', '10.0.0.7')).statusCode).toBe(401);
      const before = scryptDerivations();
      const limited = await t.login('qt.thanhpho', PASSWORD, '10.0.0.7');
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({
        error: 'rate_limited',
        messageVi: expect.stringMatching(RATE_LIMITED_VI) as string,
      });
      expect(scryptDerivations()).toBe(before);
      expect((await t.login('qt.thanhpho', PASSWORD, '10.0.0.8')).statusCode).toBe(200);
      // Refresh has its own count per address.
      const session = Session.parse((await t.login('qt.thanhpho', PASSWORD, '10.0.0.9')).json());
      for (let i = 0; i < 3; i++) await t.refresh('y'.repeat(43), '10.0.0.9');
      expect((await t.refresh(session.refreshToken, '10.0.0.9')).statusCode).toBe(429);
    } finally {
      await t.close();
    }
  });

  it('answers 429 past the overall limit, whatever the address', async () => {
    const t = await serverWith(engine, {
      ...generous,
      rateLimits: { perAddressPerMinute: 100, overallPerMinute: 4 },
    });
    try {
      for (let i = 1; i <= 4; i++)
        expect((await t.login(`b${i}`, 'x', `10.1.0.${i}`)).statusCode).toBe(401);
      expect((await t.login('qt.thanhpho', PASSWORD, '10.1.0.99')).statusCode).toBe(429);
    } finally {
      await t.close();
    }
  });

  it('queues password checks; a login refused as busy is not counted against its name', async () => {
    const t = await serverWith(engine, { ...generous, checks: { running: 1, waiting: 0 } });
    try {
      const answers = await Promise.all(
        ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((name) => t.login(name, 'x')),
      );
      const busy = answers.filter((a) => a.statusCode === 503);
      expect(busy.length).toBeGreaterThan(0);
      expect(busy[0]!.json()).toMatchObject({
        error: 'busy',
        messageVi: 'Máy chủ đang bận xử lý đăng nhập. Vui lòng thử lại sau ít giây.',
      });
      const counted = await t.db.db.selectFrom('login_throttle').select('username_key').execute();
      expect(counted).toHaveLength(answers.length - busy.length);
    } finally {
      await t.close();
    }
  });

  it('rehashes a weaker stored hash after a successful login, never after a failed one', async () => {
    const stronger = { N: 2 ** 11, r: 8, p: 1 };
    const t = await serverWith(engine, {
      ...generous,
      passwords: { lockout: LOGIN_LOCKOUT, scrypt: stronger },
    });
    try {
      const original = await readHash(t.db, ids.provinceAdmin);
      expect(hashParams(original)).toEqual(TEST_SCRYPT);
      expect((await t.login('qt.thanhpho', 'sai')).statusCode).toBe(401);
      expect(await readHash(t.db, ids.provinceAdmin)).toBe(original);
      expect((await t.login('qt.thanhpho', PASSWORD)).statusCode).toBe(200);
      const upgraded = await readHash(t.db, ids.provinceAdmin);
      expect(hashParams(upgraded)).toEqual(stronger);
      // The same password still works, and no further rehash happens.
      expect((await t.login('qt.thanhpho', PASSWORD)).statusCode).toBe(200);
      expect(await readHash(t.db, ids.provinceAdmin)).toBe(upgraded);
    } finally {
      await t.close();
    }
  });
});
