import { DEFAULT_SCRYPT_PARAMS, validScryptParams } from '../../src/auth/passwords';
import type { LoginPolicy } from '../repositories/auth-tokens';
import type { ScryptParams } from './passwords';

/** What login needs besides the database: the lockout and the cost of password hashes. */
export interface PasswordPolicy {
  lockout: LoginPolicy;
  /** The dummy check of unknown names, and rehashes of weaker stored hashes, use these. */
  scrypt: ScryptParams;
}

/** Five password checks per name, then fifteen minutes of refusals without any check. */
export const LOGIN_LOCKOUT: LoginPolicy = { maxFailures: 5, lockMs: 15 * 60 * 1000 };

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  lockout: LOGIN_LOCKOUT,
  scrypt: DEFAULT_SCRYPT_PARAMS,
};

/** The cost the test fixtures hash with: under tests, logins neither rehash nor slow down. */
const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

/**
 * PASSWORD_SCRYPT_N (a power of two, r = 8, p = 1) sets the target cost; without it, 2^17, or the
 * fixtures' 2^10 under tests (NODE_ENV=test), so the suites' many logins stay fast.
 */
export function passwordPolicyFromEnv(env: NodeJS.ProcessEnv): PasswordPolicy {
  const raw = env.PASSWORD_SCRYPT_N;
  if (raw === undefined || raw === '')
    return {
      lockout: LOGIN_LOCKOUT,
      scrypt: env.NODE_ENV === 'test' ? TEST_SCRYPT : DEFAULT_SCRYPT_PARAMS,
    };
  const scrypt = { N: Number(raw), r: 8, p: 1 };
  if (!validScryptParams(scrypt) || scrypt.N < 2 ** 10)
    throw new Error(`PASSWORD_SCRYPT_N must be a power of two from 1024 to 2^20, got ${raw}`);
  return { lockout: LOGIN_LOCKOUT, scrypt };
}
