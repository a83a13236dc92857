import { sql } from 'kysely';
import type { Db, Trx } from './db';

/** Refresh tokens (stored as SHA-256 only) and the per-username login throttle. */

export async function storeRefreshToken(
  trx: Trx,
  token: {
    hash: string;
    userId: string;
    expiresAt: Date;
    createdAt: Date;
    /** The login's absolute end, carried unchanged through every refresh. */
    sessionExpiresAt: Date;
  },
): Promise<void> {
  await trx
    .insertInto('refresh_tokens')
    .values({
      token_hash: token.hash,
      user_id: token.userId,
      expires_at: token.expiresAt.toISOString(),
      revoked_at: null,
      created_at: token.createdAt.toISOString(),
      session_expires_at: token.sessionExpiresAt.toISOString(),
    })
    .execute();
}

export type ConsumeResult =
  | { status: 'ok'; userId: string; sessionExpiresAt: Date }
  | { status: 'unknown' | 'expired' }
  /** Already used or revoked: someone replays it, so every token of the user is revoked. */
  | { status: 'reused'; userId: string };

/** Spends a refresh token: it works once; a second use revokes the user's whole family. */
export async function consumeRefreshToken(
  trx: Trx,
  hash: string,
  now: Date,
): Promise<ConsumeResult> {
  const row = await trx
    .selectFrom('refresh_tokens')
    .selectAll()
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  if (!row) return { status: 'unknown' };
  // A row without an absolute end predates it and ends with its sliding one.
  const sessionEnd = row.session_expires_at ?? row.expires_at;
  const at = now.toISOString();
  if (row.revoked_at === null && (row.expires_at <= at || sessionEnd <= at))
    return { status: 'expired' };
  // The conditional update decides between two concurrent uses of the same token.
  const spent = await trx
    .updateTable('refresh_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) === 1)
    return { status: 'ok', userId: row.user_id, sessionExpiresAt: new Date(sessionEnd) };
  await revokeAllRefreshTokens(trx, row.user_id, now);
  return { status: 'reused', userId: row.user_id };
}

export async function revokeRefreshToken(trx: Trx, hash: string, now: Date): Promise<void> {
  await trx
    .updateTable('refresh_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeAllRefreshTokens(trx: Trx, userId: string, now: Date): Promise<void> {
  await trx
    .updateTable('refresh_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export interface LoginPolicy {
  /** Password checks allowed per name before the lock. */
  maxFailures: number;
  lockMs: number;
}

/** One login attempt as counted: its number since the last success or lock, and any lock. */
export interface CountedAttempt {
  attempt: number;
  lockedUntil: Date | null;
}

/**
 * Counts a login attempt for a name BEFORE its password is checked, in one statement, so that
 * parallel attempts each get their own number and at most `maxFailures` of them are ever checked.
 * The `maxFailures`-th attempt sets the lock as it is counted (a success clears it again); the
 * first attempt after a lock has ended starts a new count.
 */
export async function countLoginAttempt(
  db: Db,
  usernameKey: string,
  now: Date,
  policy: LoginPolicy,
): Promise<CountedAttempt> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + policy.lockMs).toISOString();
  const lockEnded = sql<boolean>`(login_throttle.locked_until is not null and login_throttle.locked_until <= ${at})`;
  const nextCount = sql<number>`case when ${lockEnded} then 1 else login_throttle.failures + 1 end`;
  const row = await db
    .insertInto('login_throttle')
    .values({
      username_key: usernameKey,
      failures: 1,
      locked_until: policy.maxFailures <= 1 ? until : null,
    })
    .onConflict((oc) =>
      oc.column('username_key').doUpdateSet({
        failures: nextCount,
        locked_until: sql<string | null>`case
          when login_throttle.locked_until is not null and not ${lockEnded}
            then login_throttle.locked_until
          when ${nextCount} >= ${policy.maxFailures} then ${until}
          else null end`,
      }),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  return {
    attempt: Number(row.failures),
    lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
  };
}

/** A successful login: the name's count starts again. */
export async function clearLoginFailures(db: Db, usernameKey: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('username_key', '=', usernameKey).execute();
}
