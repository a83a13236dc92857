import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Short-lived access tokens: `base64url(payload).base64url(HMAC-SHA256(payload))`. Stateless, so
 * any API process holding the secret can check them; revocation is the refresh token's job.
 */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

const Payload = z.object({ v: z.literal(1), sub: z.string().min(1), exp: z.number().int() });

function sign(secret: Buffer, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

export function issueAccessToken(secret: Buffer, userId: string, now: Date): string {
  const exp = Math.floor(now.getTime() / 1000) + ACCESS_TOKEN_TTL_SECONDS;
  const body = Buffer.from(JSON.stringify({ v: 1, sub: userId, exp })).toString('base64url');
  return `${body}.${sign(secret, body).toString('base64url')}`;
}

/** The user id of a valid, unexpired token; null for anything else. */
export function verifyAccessToken(secret: Buffer, token: string, now: Date): string | null {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return null;
  const expected = sign(secret, body);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const payload = Payload.safeParse(json);
  if (!payload.success || payload.data.exp * 1000 <= now.getTime()) return null;
  return payload.data.sub;
}
