import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * The one password module of the server and the app: scrypt hashes stored as
 * `scrypt$N$r$p$saltB64$hashB64` (so the cost can rise without invalidating old hashes), and the
 * same derivation as a key for whoever needs a key from a password (the desktop's cache key).
 * Node built-ins only: the data generator, the server and the desktop all import it.
 */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt floor: 128 MiB of memory per hash (128·N·r bytes), ≈0.3 s on a laptop core. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

export const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/** Bounds of stored parameters: a corrupted or hostile row must not make us allocate gigabytes. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

let derivations = 0;

/**
 * How many scrypt derivations this process has run: the login tests count checks with it, and it
 * is cheap enough to leave in (one integer).
 */
export function scryptDerivations(): number {
  return derivations;
}

export function validScryptParams(params: ScryptParams): boolean {
  const within = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  return (
    within(params.N, MAX_N) &&
    params.N > 1 &&
    (params.N & (params.N - 1)) === 0 &&
    within(params.r, MAX_R) &&
    within(params.p, MAX_P)
  );
}

/**
 * scrypt of the NFC form of `password` (both Unicode spellings of a Vietnamese password are one
 * password). `length` bytes, 32 unless asked.
 */
export function deriveKey(
  password: string,
  salt: Buffer,
  params: ScryptParams,
  length: number = KEY_LENGTH,
): Promise<Buffer> {
  if (!validScryptParams(params))
    return Promise.reject(new Error(`scrypt parameters out of bounds: ${JSON.stringify(params)}`));
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below our cost.
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  derivations++;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await deriveKey(password, salt, params);
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!validScryptParams({ N, r, p })) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || key.length !== KEY_LENGTH) return null;
  return { params: { N, r, p }, salt, key };
}

/** The parameters a stored hash was made with; null for a malformed one. */
export function hashParams(stored: string): ScryptParams | null {
  return parseHash(stored)?.params ?? null;
}

/** True when `password` matches `stored`; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await deriveKey(password, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/**
 * True when `stored` is weaker than `target` in any parameter (or malformed): after a successful
 * login the server hashes the password again with `target`.
 */
export function needsRehash(stored: string, target: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const params = hashParams(stored);
  return !params || params.N < target.N || params.r < target.r || params.p < target.p;
}
