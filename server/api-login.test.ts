/**
 * Logging in to the central API: sessions, lockout, refresh rotation, logout and access token
 * checks. The rest of the API is in api.test.ts.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverEngines } from '../scripts/test-support/databases';
import { Session } from '../src/api/auth';
import { ApiError } from '../src/api/errors';
import { ids, PASSWORD } from './test-support/fixture';
import { openTestServer, type TestServer } from './test-support/harness';

const json = (res: { body: string }) => JSON.parse(res.body) as Record<string, unknown>;

describe.each(serverEngines)('central API login on %s', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openTestServer({ engine, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => t?.close());

  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password } });

  describe('login', () => {
    it('gives a session with the user and their role grants', async () => {
      const res = await login('qt.viethung', PASSWORD);
      expect(res.statusCode).toBe(200);
      const session = Session.parse(res.json());
      expect(session.expiresIn).toBe(15 * 60);
      expect(session.user).toMatchObject({ id: ids.wardAdmin, orgId: ids.ward });
      expect(session.user.roles).toEqual(
        expect.arrayContaining([
          { role: 'admin', orgId: ids.ward },
          { role: 'processor', orgId: ids.ward },
        ]),
      );
      expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('answers a wrong password, an unknown name and an inactive account alike', async () => {
      const answers = await Promise.all([
        login('qt.thanhpho', 'sai mật khẩu'),
        login('khong.ton.tai', PASSWORD),
        login('nghi.viec', PASSWORD),
      ]);
      for (const res of answers) {
        expect(res.statusCode).toBe(401);
        expect(ApiError.parse(res.json())).toEqual({
          error: 'invalid_credentials',
          message: 'Wrong username or password',
          messageVi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
        });
      }
    });

    it('locks a name for 15 minutes after 5 failures, then lets the right password in', async () => {
      for (let i = 1; i <= 4; i++)
        expect(json(await login('bithu.tdp1', `sai ${i}`)).error).toBe('invalid_credentials');
      const fifth = await login('bithu.tdp1', 'sai 5');
      expect(fifth.statusCode).toBe(401);
      expect(fifth.json()).toMatchObject({
        error: 'account_locked',
        messageVi:
          'Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút.',
      });
      // Locked: even the right password is refused.
      const locked = await login('bithu.tdp1', PASSWORD);
      expect(json(locked).error).toBe('account_locked');
      const start = t.clock.now;
      try {
        t.clock.now = new Date(start.getTime() + 10 * 60_000);
        expect(json(await login('bithu.tdp1', PASSWORD)).messageVi).toContain('sau 5 phút');
        t.clock.now = new Date(start.getTime() + 15 * 60_000 + 1);
        expect((await login('bithu.tdp1', PASSWORD)).statusCode).toBe(200);
      } finally {
        t.clock.now = start;
      }
    });

    it('locks unknown names the same way, so a lockout tells nothing about existence', async () => {
      for (let i = 1; i <= 4; i++) await login('Không.Có.Ai', `x${i}`);
      // The throttle key is folded: another spelling of the same name counts too.
      const res = await login('khong.co.ai', 'x5');
      expect(json(res).error).toBe('account_locked');
    });

    it('takes a username in any case: "QT.VietHung" is qt.viethung', async () => {
      for (const spelling of ['QT.VietHung', 'QT.VIETHUNG', ' qt.viethung ']) {
        const res = await login(spelling, PASSWORD);
        expect(res.statusCode).toBe(200);
        expect(Session.parse(res.json()).user.id).toBe(ids.wardAdmin);
      }
      expect(json(await login('QT.VietHung', 'sai')).error).toBe('invalid_credentials');
    });

    it('counts failures per account whatever the case, so changing it does not bypass the lock', async () => {
      const spellings = ['qt.phucloi', 'QT.PHUCLOI', 'Qt.PhucLoi', 'qT.pHuClOi', 'QT.phucloi'];
      for (const [i, spelling] of spellings.entries())
        expect(json(await login(spelling, `sai ${i}`)).error).toBe(
          i < 4 ? 'invalid_credentials' : 'account_locked',
        );
      // The right password in yet another case is locked out too.
      expect(json(await login('Qt.Phucloi', PASSWORD)).error).toBe('account_locked');
    });

    it('rotates refresh tokens and refuses a spent one, revoking the whole family', async () => {
      const first = Session.parse((await login('qt.thanhpho', PASSWORD)).json());
      const refresh = (refreshToken: string) =>
        t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken } });
      const second = await refresh(first.refreshToken);
      expect(second.statusCode).toBe(200);
      const rotated = Session.parse(second.json());
      expect(rotated.refreshToken).not.toBe(first.refreshToken);
      expect(rotated.user.id).toBe(ids.provinceAdmin);

      const reused = await refresh(first.refreshToken);
      expect(reused.statusCode).toBe(401);
      expect(json(reused).error).toBe('unauthorized');
      // Reuse means theft: the token handed out by the rotation dies as well.
      expect((await refresh(rotated.refreshToken)).statusCode).toBe(401);
      expect((await refresh('x'.repeat(43))).statusCode).toBe(401);
    });

    it('logout revokes the refresh token', async () => {
      const session = Session.parse((await login('qt.thanhpho', PASSWORD)).json());
      const payload = { refreshToken: session.refreshToken };
      const out = await t.app.inject({ method: 'POST', url: '/v1/auth/logout', payload });
      expect(out.statusCode).toBe(204);
      expect(out.body).toBe('');
      const again = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload });
      expect(again.statusCode).toBe(401);
    });

    it('refuses missing, forged and expired access tokens', async () => {
      const token = await t.tokenFor('qt.viethung');
      expect((await t.get('/v1/me', token)).statusCode).toBe(200);
      const [body, mac] = token.split('.') as [string, string];
      const forgedBody = Buffer.from(
        JSON.stringify({ v: 1, sub: ids.provinceAdmin, exp: 4_000_000_000 }),
      ).toString('base64url');
      for (const bad of [undefined, 'garbage', `${forgedBody}.${mac}`, `${body}.${mac}x`]) {
        const res = await t.get('/v1/me', bad);
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({
          error: 'unauthorized',
          message: 'Missing, expired or invalid access token',
          messageVi: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
        });
      }
      const start = t.clock.now;
      try {
        t.clock.now = new Date(start.getTime() + 15 * 60_000);
        expect((await t.get('/v1/me', token)).statusCode).toBe(401);
      } finally {
        t.clock.now = start;
      }
    });
  });
});
