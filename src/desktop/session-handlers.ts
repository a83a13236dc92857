import { ApiClientError, CLIENT_ERROR } from '../api/client';
import type { SessionUser } from '../api/auth';
import { apiRoutes } from '../api/routes';
import { usernameKey } from '../domain/people/user';
import { syncStateRepo } from '../sync/repositories/sync-state';
import type { CachePasswordKeys } from './cache-keys';
import { checkLegacyOfflineVerifier } from './offline-login';
import { beginOidcLogin, type OidcClientConfig, type OidcLoginAttempt } from './oidc-login';
import { offlineLoginRepo } from './repositories/offline-login';
import { fail, toDesktopError, type HandlersFor, type ServiceContext } from './service-context';

export type SessionCall = 'login' | 'logout' | 'session' | 'oidcStatus' | 'startOidcLogin';

/** Set after an offline login: the user works on the cache, without a server session. */
export interface OfflineUser {
  user: SessionUser | null;
}

export interface SessionHandlerOptions {
  /** The cache key's password wraps; without them, no offline login. */
  cacheKeys?: CachePasswordKeys;
  /** The OpenID provider (VNeID) to offer sign-in with; none: password login only. */
  oidc?: OidcClientConfig;
  offline: OfflineUser;
}

/** Logging in and out: with a password (online, or offline on this cache) or through VNeID. */
export function sessionHandlers(
  ctx: ServiceContext,
  { cacheKeys, oidc, offline }: SessionHandlerOptions,
): HandlersFor<SessionCall> {
  const { api, session, tracked, emit } = ctx;
  const offlineLogins = offlineLoginRepo(ctx.handle);
  const syncState = syncStateRepo(ctx.handle);
  let oidcAttempt: OidcLoginAttempt | null = null;

  const emitSession = () => emit({ type: 'session-changed', user: ctx.currentUser() });

  /**
   * The last online user of this cache may get in with the same password while offline: the
   * password must unwrap the cache's key (docs/decisions/0018); no verifier of it is kept.
   */
  async function offlineLogin(username: string, password: string): Promise<SessionUser | null> {
    const known = offlineLogins.read();
    if (!cacheKeys || !known || known.user.id !== syncState.read().userId) return null;
    // Case does not count, as on the server (usernameKey).
    if (usernameKey(known.user.username) !== usernameKey(username)) return null;
    const wrongPassword = () =>
      fail(
        'invalid_credentials',
        'wrong password for offline login',
        'Tên đăng nhập hoặc mật khẩu không đúng.',
      );
    if (cacheKeys.has(known.user.id)) {
      return (await cacheKeys.unlock(known.user.id, password)) ? known.user : wrongPassword();
    }
    // A cache from before the key hierarchy: its verifier lets the user in once, and is replaced
    // by a wrap of the key.
    if (!known.verifier) return null;
    if (!(await checkLegacyOfflineVerifier(password, known.verifier))) return wrongPassword();
    await cacheKeys.enroll(known.user.id, password);
    offlineLogins.save({ user: known.user });
    return known.user;
  }

  return {
    async login(input) {
      let s;
      try {
        s = await tracked(api.login(input));
      } catch (err) {
        if (!(err instanceof ApiClientError) || err.code !== CLIENT_ERROR.unreachable) throw err;
        const user = await offlineLogin(input.username, input.password);
        if (!user) throw err;
        offline.user = user;
        emitSession();
        return { user, offline: true };
      }
      await session.set(s);
      offline.user = null;
      // The server accepted the password: it may open this cache offline from now on.
      offlineLogins.save({ user: s.user });
      await cacheKeys?.enroll(s.user.id, input.password).catch((err: unknown) => {
        // The login stands; only the offline login with this password will be refused.
        console.error('wrapping the cache key with the password failed', err);
      });
      emitSession();
      return { user: s.user, offline: false };
    },
    async logout() {
      const refreshToken = session.current?.refreshToken;
      if (refreshToken) {
        // Revoking is best effort: offline, the token simply expires.
        await tracked(api.logout(refreshToken)).catch(() => undefined);
      }
      await session.clear();
      offline.user = null;
      emitSession();
      return {};
    },
    session: () => ({
      user: ctx.currentUser(),
      offline: !session.current && offline.user !== null,
    }),
    oidcStatus: () => ({ configured: oidc !== undefined }),
    async startOidcLogin() {
      const config =
        oidc ??
        fail(
          'oidc_not_configured',
          'no OpenID provider configured',
          'Ứng dụng chưa được cấu hình đăng nhập bằng VNeID.',
        );
      // One sign-in at a time: a new click replaces the one left waiting in another tab.
      oidcAttempt?.cancel();
      const attempt = await beginOidcLogin(config, async ({ idToken, nonce }) => {
        const s = await tracked(api.request(apiRoutes.oidcLogin, { body: { idToken, nonce } }));
        await session.set(s);
        offline.user = null;
        // No password: offline, this user reopens through the remembered session only (0020).
        offlineLogins.save({ user: s.user });
        emitSession();
      });
      oidcAttempt = attempt;
      attempt.done.then(
        () => undefined,
        (err: unknown) => {
          const error = toDesktopError(err);
          if (error.code !== 'oidc_cancelled') emit({ type: 'oidc-login-failed', error });
        },
      );
      return { authorizationUrl: attempt.authorizationUrl };
    },
  };
}
