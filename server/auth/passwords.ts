/**
 * The server's name for the shared password module (src/auth/passwords.ts), kept so the data
 * generator, fixtures and tests that import it from here keep one implementation.
 */
export {
  DEFAULT_SCRYPT_PARAMS,
  deriveKey,
  hashParams,
  hashPassword,
  needsRehash,
  scryptDerivations,
  verifyPassword,
  type ScryptParams,
} from '../../src/auth/passwords';
