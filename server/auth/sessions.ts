import type { LoginRequest, Session } from '../../src/api/auth';
import { foldForSearch } from '../../src/domain/text/fold';
import type { ServerContext } from '../context';
import { accountLocked, invalidCredentials, unauthorized } from '../errors';
import {
  clearLoginFailures,
  consumeRefreshToken,
  loginLockedUntil,
  recordLoginFailure,
  revokeRefreshToken,
  storeRefreshToken,
} from '../repositories/auth-tokens';
import type { Trx } from '../repositories/db';
import { findActiveAccount, findLoginAccount } from '../repositories/users';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from './access-tokens';
import { hashPassword, verifyPassword } from './passwords';
import { newRefreshToken, REFRESH_TOKEN_TTL_MS, refreshTokenHash } from './refresh-tokens';

export const LOGIN_POLICY = { maxFailures: 5, lockMs: 15 * 60 * 1000 };

const minutesLeft = (until: Date, now: Date) =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

/** Compared against when the username has no usable account, so both paths cost one scrypt. */
let dummyHash: Promise<string> | undefined;
function verifyAgainstDummy(password: string): Promise<boolean> {
  dummyHash ??= hashPassword('dummy password that no account has');
  return dummyHash.then((hash) => verifyPassword(password, hash)).then(() => false);
}

async function issueSession(ctx: ServerContext, trx: Trx, userId: string): Promise<Session | null> {
  const account = await findActiveAccount(trx, userId);
  if (!account) return null;
  const now = ctx.now();
  const refreshToken = newRefreshToken();
  await storeRefreshToken(trx, {
    hash: refreshTokenHash(refreshToken),
    userId,
    expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
    createdAt: now,
  });
  const { user } = account;
  return {
    accessToken: issueAccessToken(ctx.tokenSecret, userId, now),
    refreshToken,
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    user: {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      orgId: user.orgId,
      roles: user.roles,
    },
  };
}

/**
 * Username/password login. Every failure looks the same from outside (wrong name, wrong password,
 * inactive account), takes one scrypt, and counts towards the name's lockout, known or not.
 */
export async function login(ctx: ServerContext, request: LoginRequest): Promise<Session> {
  const now = ctx.now();
  const key = foldForSearch(request.username);
  const locked = await loginLockedUntil(ctx.db, key, now);
  if (locked) throw accountLocked(minutesLeft(locked, now));

  const account = await findLoginAccount(ctx.db, request.username);
  // Hashing happens outside any transaction: it must not hold the database for ~100 ms.
  const valid =
    account?.status === 'active' && account.passwordHash
      ? await verifyPassword(request.password, account.passwordHash)
      : await verifyAgainstDummy(request.password);
  const session =
    valid && account
      ? await ctx.db.transaction().execute(async (trx) => {
          await clearLoginFailures(trx, key);
          return issueSession(ctx, trx, account.id);
        })
      : null;
  if (session) return session;
  const lockedUntil = await ctx.db
    .transaction()
    .execute((trx) => recordLoginFailure(trx, key, now, LOGIN_POLICY));
  throw lockedUntil ? accountLocked(minutesLeft(lockedUntil, now)) : invalidCredentials();
}

/** A new session for a refresh token, which is spent; a spent or revoked token is refused. */
export async function refresh(ctx: ServerContext, refreshToken: string): Promise<Session> {
  // The spending (and, on reuse, the revocation of the whole family) commits even when refused.
  const session = await ctx.db.transaction().execute(async (trx) => {
    const spent = await consumeRefreshToken(trx, refreshTokenHash(refreshToken), ctx.now());
    return spent.status === 'ok' ? issueSession(ctx, trx, spent.userId) : null;
  });
  if (!session) throw unauthorized();
  return session;
}

export async function logout(ctx: ServerContext, refreshToken: string): Promise<void> {
  await ctx.db
    .transaction()
    .execute((trx) => revokeRefreshToken(trx, refreshTokenHash(refreshToken), ctx.now()));
}
