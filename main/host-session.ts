import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Who may use the browser host (DESIGN.md, Modes). The per-launch secret never appears on a
 * command line or in a URL: the page is opened with a one-time launch code, which it exchanges
 * for the secret as an HttpOnly, SameSite=Strict cookie. A code that another local user read (from
 * a terminal or a launch file) is worthless once the app's own page has used it, and expires.
 */
export const HOST_COOKIE = 'dangvu_host';
export const LAUNCH_CODE_TTL_MS = 10 * 60_000;
const LAUNCH_CODE = /^[A-Za-z0-9_-]{43}$/;

export interface HostSession {
  /** The secret itself, for a process we start (Electron's window in development). */
  readonly secret: string;
  /** A new one-time code, valid for LAUNCH_CODE_TTL_MS. */
  issueLaunchCode(now?: number): string;
  /** The Set-Cookie value when the code is valid and unused (it is used up), else undefined. */
  exchange(code: unknown, now?: number): string | undefined;
  /** Whether a request carries the secret: the cookie, or a bearer header (Electron, tools). */
  authorized(headers: IncomingHttpHeaders): boolean;
}

const sameSecret = (given: string, secret: Buffer) => {
  const bytes = Buffer.from(given);
  return bytes.length === secret.length && timingSafeEqual(bytes, secret);
};

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export function createHostSession(): HostSession {
  const secret = randomBytes(32).toString('base64url');
  const secretBytes = Buffer.from(secret);
  const codes = new Map<string, number>();
  return {
    secret,
    issueLaunchCode(now = Date.now()) {
      const code = randomBytes(32).toString('base64url');
      codes.set(code, now + LAUNCH_CODE_TTL_MS);
      return code;
    },
    exchange(code, now = Date.now()) {
      if (typeof code !== 'string' || !LAUNCH_CODE.test(code)) return undefined;
      const expires = codes.get(code);
      codes.delete(code);
      if (expires === undefined || expires < now) return undefined;
      return `${HOST_COOKIE}=${secret}; HttpOnly; SameSite=Strict; Path=/`;
    },
    authorized(headers) {
      const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
      if (bearer !== undefined) return sameSecret(bearer, secretBytes);
      const cookie = cookieValue(headers.cookie, HOST_COOKIE);
      return cookie !== undefined && sameSecret(cookie, secretBytes);
    },
  };
}
