import { sql } from 'kysely';
import type { Db, Trx } from './db';

/** Refresh tokens (stored as SHA-256 only) and the per-username login throttle. */

export async function storeRefreshToken(
  trx: Trx,
  token: { hash: string; userId: string; expiresAt: Date; createdAt: Date },
): Promise<void> {
  await trx
    .insertInto('refresh_tokens')
    .values({
      token_hash: token.hash,
      user_id: token.userId,
      expires_at: token.expiresAt.toISOString(),
      revoked_at: null,
      created_at: token.createdAt.toISOString(),
    })
    .execute();
}

export type ConsumeResult =
  | { status: 'ok'; userId: string }
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
  if (row.revoked_at === null && row.expires_at <= now.toISOString()) return { status: 'expired' };
  // The conditional update decides between two concurrent uses of the same token.
  const spent = await trx
    .updateTable('refresh_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) === 1) return { status: 'ok', userId: row.user_id };
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

/** When the username's lockout ends, or null when it is not locked at `now`. */
export async function loginLockedUntil(
  db: Db,
  usernameKey: string,
  now: Date,
): Promise<Date | null> {
  const row = await db
    .selectFrom('login_throttle')
    .select('locked_until')
    .where('username_key', '=', usernameKey)
    .executeTakeFirst();
  if (!row?.locked_until || row.locked_until <= now.toISOString()) return null;
  return new Date(row.locked_until);
}

/**
 * Counts a failed login; the `maxFailures`-th consecutive one locks the name for `lockMs` and
 * starts the count again. Returns the end of the lock it set, or null.
 */
export async function recordLoginFailure(
  trx: Trx,
  usernameKey: string,
  now: Date,
  policy: { maxFailures: number; lockMs: number },
): Promise<Date | null> {
  await trx
    .insertInto('login_throttle')
    .values({ username_key: usernameKey, failures: 1, locked_until: null })
    .onConflict((oc) =>
      oc.column('username_key').doUpdateSet({ failures: sql`login_throttle.failures + 1` }),
    )
    .execute();
  const row = await trx
    .selectFrom('login_throttle')
    .select('failures')
    .where('username_key', '=', usernameKey)
    .executeTakeFirstOrThrow();
  if (row.failures < policy.maxFailures) return null;
  const until = new Date(now.getTime() + policy.lockMs);
  await trx
    .updateTable('login_throttle')
    .set({ failures: 0, locked_until: until.toISOString() })
    .where('username_key', '=', usernameKey)
    .execute();
  return until;
}

export async function clearLoginFailures(trx: Trx, usernameKey: string): Promise<void> {
  await trx.deleteFrom('login_throttle').where('username_key', '=', usernameKey).execute();
}
