import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken, verifyAccessToken } from './access-tokens';

describe('access tokens', () => {
  const secret = randomBytes(32);
  const now = new Date('2026-01-05T09:00:00Z');
  const token = issueAccessToken(secret, 'user-1', now);

  it('verify to their user id until they expire after 15 minutes', () => {
    expect(verifyAccessToken(secret, token, now)).toBe('user-1');
    const almost = new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000 - 1000);
    expect(verifyAccessToken(secret, token, almost)).toBe('user-1');
    const expired = new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000);
    expect(verifyAccessToken(secret, token, expired)).toBeNull();
  });

  it('refuse another key, a changed payload and junk', () => {
    expect(verifyAccessToken(randomBytes(32), token, now)).toBeNull();
    const [, mac] = token.split('.');
    const payload = Buffer.from(JSON.stringify({ v: 1, sub: 'admin', exp: 9e9 })).toString(
      'base64url',
    );
    for (const bad of [`${payload}.${mac}`, `${token}.x`, '', '.', 'a.b', token.slice(0, -2)]) {
      expect(verifyAccessToken(secret, bad, now)).toBeNull();
    }
    // A correctly signed payload of the wrong shape is refused too.
    const odd = Buffer.from(JSON.stringify({ sub: 'x' })).toString('base64url');
    const sig = createHmac('sha256', secret).update(odd).digest('base64url');
    expect(verifyAccessToken(secret, `${odd}.${sig}`, now)).toBeNull();
  });
});
