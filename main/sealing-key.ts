import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { Session } from '../src/api/auth';
import {
  electronKeyStore,
  KeyStoreSealError,
  openBox,
  sealBox,
  writeFileAtomic,
  type KeyStore,
  type SafeStorageLike,
} from '../src/desktop/cache-keys';
import type { SessionStore } from '../src/sync/session';

// Electron's safeStorage (DPAPI on Windows) exists only in the main process, and the data layer
// runs in a utility process (docs/decisions/0042). So the main process keeps one random key,
// sealed by safeStorage in the data directory, and hands it to the runtime at start; the runtime
// seals the cache's data key and the remembered session with it.

const SEALING_KEY_BYTES = 32;
const DATA_KEY_AAD = 'dangvu cache data key, sealed for the runtime';
const SESSION_AAD = 'dangvu remembered session';

/**
 * The main process's side: the sealing key in `file`, opened by safeStorage, made on first use.
 * Throws KeyStoreUnavailableError when safeStorage cannot protect anything here.
 */
export function openSealingKey(file: string, safeStorage: SafeStorageLike): Buffer {
  const store = electronKeyStore(safeStorage);
  if (!existsSync(file)) writeFileAtomic(file, store.seal(randomBytes(SEALING_KEY_BYTES)));
  const key = store.open(readFileSync(file));
  if (key.length !== SEALING_KEY_BYTES)
    throw new KeyStoreSealError(`sealing key ${file} is damaged`);
  return key;
}

/** The runtime's key store: the cache's data key sealed with the key from the main process. */
export function sealingKeyStore(key: Buffer): KeyStore {
  return {
    kind: 'electron-safe-storage-sealing-key',
    seal: (secret) => sealBox(key, secret, DATA_KEY_AAD),
    open(sealed) {
      const secret = openBox(key, sealed, DATA_KEY_AAD);
      if (!secret) throw new KeyStoreSealError('the sealing key does not open the data key');
      return secret;
    },
  };
}

/**
 * The session (with its refresh token) sealed with the same key, so a restarted app is still
 * logged in; a file that does not open (another OS user's, damaged) reads as logged out.
 */
export function sealedSessionStore(file: string, key: Buffer): SessionStore {
  return {
    async load() {
      if (!existsSync(file)) return undefined;
      const plain = openBox(key, await readFile(file), SESSION_AAD);
      if (!plain) return undefined;
      try {
        const parsed = Session.safeParse(JSON.parse(plain.toString('utf8')));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    async save(session) {
      const temporary = `${file}.tmp`;
      await writeFile(temporary, sealBox(key, Buffer.from(JSON.stringify(session)), SESSION_AAD), {
        mode: 0o600,
      });
      await rename(temporary, file);
    },
    async clear() {
      await rm(file, { force: true });
    },
  };
}
