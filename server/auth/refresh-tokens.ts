import { createHash, randomBytes } from 'node:crypto';

/** Refresh tokens are 32 random bytes; only their SHA-256 is stored, so a database leak yields none. */
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function refreshTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
