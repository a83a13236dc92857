import type { LoginRequest, Session } from '../../src/api/auth';
import { foldForSearch } from '../../src/domain/text/fold';
import type { ServerContext } from '../context';
import { accountLocked, invalidCredentials, unauthorized } from '../errors';
import {
  clearLoginFailures,
  consumeRefreshToken,
  countLoginAttempt,
  revokeRefreshToken,
  storeRefreshToken,
} from '../repositories/auth-tokens';
import type { Trx } from '../repositories/db';
import { findActiveAccount, findLoginAccount, upgradePasswordHash } from '../repositories/users';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from './access-tokens';
import { notApproved } from './account-status';
import type { CheckQueue } from './check-queue';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from './password-policy';
import { hashPassword, needsRehash, verifyPassword, type ScryptParams } from './passwords';
import {
  newRefreshToken,
  REFRESH_TOKEN_SESSION_MS,
  REFRESH_TOKEN_TTL_MS,
  refreshTokenHash,
} from './refresh-tokens';

const minutesLeft = (until: Date, now: Date) =>
  Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

/** Compared against when the username has no usable account, so both paths cost one scrypt. */
const dummyHashes = new Map<string, Promise<string>>();
function verifyAgainstDummy(password: string, params: ScryptParams): Promise<boolean> {
  const key = `${params.N}/${params.r}/${params.p}`;
  let hash = dummyHashes.get(key);
  if (!hash) {
    hash = hashPassword('dummy password that no account has', params);
    dummyHashes.set(key, hash);
  }
  return hash.then((h) => verifyPassword(password, h)).then(() => false);
}

async function issueSession(
  ctx: ServerContext,
  trx: Trx,
  userId: string,
  sessionExpiresAt: Date,
): Promise<Session | null> {
  const account = await findActiveAccount(trx, userId);
  if (!account) return null;
  const now = ctx.now();
  const refreshToken = newRefreshToken();
  const sliding = new Date(now.getTime() + REFRESH_TOKEN_TTL_MS);
  await storeRefreshToken(trx, {
    hash: refreshTokenHash(refreshToken),
    userId,
    // A token never outlives its login.
    expiresAt: sliding < sessionExpiresAt ? sliding : sessionExpiresAt,
    createdAt: now,
    sessionExpiresAt,
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
 * A new session for an account whose holder proved who he is elsewhere (an OpenID provider's ID
 * token, server/auth/oidc.ts); null when the account may not act.
 */
export function issueVerifiedSession(ctx: ServerContext, userId: string): Promise<Session | null> {
  const sessionExpiresAt = new Date(ctx.now().getTime() + REFRESH_TOKEN_SESSION_MS);
  return ctx.db.transaction().execute((trx) => issueSession(ctx, trx, userId, sessionExpiresAt));
}

/**
 * Username/password login. The attempt is counted before the password is checked, in one
 * statement, so N parallel attempts for one name check at most `maxFailures` passwords and the
 * rest are refused without any scrypt. Every failure looks the same from outside (wrong name,
 * wrong password, inactive account), and counts towards the name's lockout, known or not.
 */
export async function login(
  ctx: ServerContext,
  request: LoginRequest,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
  queue: CheckQueue = unlimited,
): Promise<Session> {
  // The attempt is counted only once it holds a checking slot: a login refused as "busy" costs
  // its name nothing.
  const checked = await queue.run(() => checkPassword(ctx, request, policy));
  const { now, key, account, storedHash, counted } = checked;
  if (checked.valid && account && storedHash) {
    await clearLoginFailures(ctx.db, key);
    // A member account not approved yet: the right password earns the reason, not a session.
    const refusal = await notApproved(ctx.db, account.id, account.status);
    if (refusal) throw refusal;
    if (needsRehash(storedHash, policy.scrypt))
      await upgradePasswordHash(
        ctx.db,
        account.id,
        storedHash,
        await queue.run(() => hashPassword(request.password, policy.scrypt)),
      );
    const session = await ctx.db
      .transaction()
      .execute((trx) =>
        issueSession(ctx, trx, account.id, new Date(now.getTime() + REFRESH_TOKEN_SESSION_MS)),
      );
    if (session) return session;
  }
  throw counted.lockedUntil
    ? accountLocked(minutesLeft(counted.lockedUntil, now))
    : invalidCredentials();
}

/** Accounts whose password is checked: active ones, and members' waiting or refused ones. */
const CHECKED_STATUSES = ['active', 'pending', 'refused'];

const unlimited: CheckQueue = { run: (task) => task() };

/** Counts the attempt, then (unless over the lockout) checks the password: one scrypt at most. */
async function checkPassword(ctx: ServerContext, request: LoginRequest, policy: PasswordPolicy) {
  const now = ctx.now();
  const key = foldForSearch(request.username);
  const counted = await countLoginAttempt(ctx.db, key, now, policy.lockout);
  if (counted.attempt > policy.lockout.maxFailures && counted.lockedUntil)
    throw accountLocked(minutesLeft(counted.lockedUntil, now));
  const account = await findLoginAccount(ctx.db, request.username);
  // Hashing happens outside any transaction: it must not hold the database for ~100 ms.
  const storedHash =
    account && CHECKED_STATUSES.includes(account.status) ? account.passwordHash : null;
  const valid = storedHash
    ? await verifyPassword(request.password, storedHash)
    : await verifyAgainstDummy(request.password, policy.scrypt);
  return { now, key, counted, account, storedHash, valid };
}

/**
 * A new session for a refresh token, which is spent; a spent or revoked token is refused, and so
 * is one whose login is older than the absolute session lifetime, however often it was refreshed.
 */
export async function refresh(ctx: ServerContext, refreshToken: string): Promise<Session> {
  // The spending (and, on reuse, the revocation of the whole family) commits even when refused.
  const session = await ctx.db.transaction().execute(async (trx) => {
    const spent = await consumeRefreshToken(trx, refreshTokenHash(refreshToken), ctx.now());
    return spent.status === 'ok'
      ? issueSession(ctx, trx, spent.userId, spent.sessionExpiresAt)
      : null;
  });
  if (!session) throw unauthorized();
  return session;
}

export async function logout(ctx: ServerContext, refreshToken: string): Promise<void> {
  await ctx.db
    .transaction()
    .execute((trx) => revokeRefreshToken(trx, refreshTokenHash(refreshToken), ctx.now()));
}
