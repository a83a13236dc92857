import { hashParams, verifyPassword } from '../auth/passwords';

/**
 * The password check of caches written before the key hierarchy (docs/decisions/0018): they kept
 * a salted scrypt verifier of the password (`scrypt$N$r$p$salt$key`, N = 2^14). It is read once,
 * to let the user in offline after the upgrade and wrap the cache's key with the password; nothing
 * writes one any more.
 */
const LEGACY = { N: 2 ** 14, r: 8, p: 1 };

export async function checkLegacyOfflineVerifier(
  password: string,
  stored: string,
): Promise<boolean> {
  const params = hashParams(stored);
  // Only the parameters we used to write: a tampered file gets no say in the cost.
  const legacy = params?.N === LEGACY.N && params.r === LEGACY.r && params.p === LEGACY.p;
  return legacy && (await verifyPassword(password, stored));
}
