import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { safeStorage } from 'electron';
import { Session } from '../src/api/auth';
import type { SessionStore } from '../src/sync/session';

/**
 * The session (with its refresh token) encrypted by the OS through safeStorage: DPAPI on Windows,
 * the keychain on macOS, libsecret on Linux. Without OS encryption nothing is written: the user
 * logs in again after a restart rather than finding a refresh token on disk in clear.
 */
export function electronSessionStore(file: string): SessionStore {
  return {
    async load() {
      if (!safeStorage.isEncryptionAvailable() || !existsSync(file)) return undefined;
      try {
        const text = safeStorage.decryptString(await readFile(file));
        const parsed = Session.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : undefined;
      } catch {
        // Another OS user's file, or a damaged one: as if logged out.
        return undefined;
      }
    },
    async save(session) {
      if (!safeStorage.isEncryptionAvailable()) return;
      const temporary = `${file}.tmp`;
      await writeFile(temporary, safeStorage.encryptString(JSON.stringify(session)), {
        mode: 0o600,
      });
      await rename(temporary, file);
    },
    async clear() {
      await rm(file, { force: true });
    },
  };
}
