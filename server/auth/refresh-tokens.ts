import { createHash, randomBytes } from 'node:crypto';

/**
 * Refresh tokens are 32 random bytes; only their SHA-256 is stored, so a database leak yields none.
 * Each refresh spends the token and gives a new one that lives `REFRESH_TOKEN_TTL_MS` longer (the
 * sliding lifetime: an idle laptop's session ends after two weeks), but no token outlives its
 * login by more than `REFRESH_TOKEN_SESSION_MS` (the absolute one: a stolen token that is kept
 * fresh still dies, and everyone types the password at least monthly).
 */
export const REFRESH_TOKEN_TTL_MS = 14 * 24 * 60 * 60 * 1000;
export const REFRESH_TOKEN_SESSION_MS = 30 * 24 * 60 * 60 * 1000;

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function refreshTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
