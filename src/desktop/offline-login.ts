import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The password check for logging in without the server: after each online login the app keeps a
 * salted scrypt verifier of the password (never the password), so the same user can open the
 * cache offline. Stored as `scrypt$N$r$p$salt$key`.
 */
const PARAMS = { N: 2 ** 14, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: typeof PARAMS): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...params, maxmem: 256 * params.N * params.r },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

export async function makeOfflineVerifier(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  const { N, r, p } = PARAMS;
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function checkOfflineVerifier(password: string, stored: string): Promise<boolean> {
  const [kind, N, r, p, salt, key] = stored.split('$');
  const params = { N: Number(N), r: Number(r), p: Number(p) };
  // Only our own parameters: a tampered file must not make us allocate gigabytes.
  if (kind !== 'scrypt' || params.N !== PARAMS.N || params.r !== PARAMS.r || params.p !== PARAMS.p)
    return false;
  const expected = Buffer.from(key ?? '', 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, Buffer.from(salt ?? '', 'base64'), params);
  return timingSafeEqual(actual, expected);
}
