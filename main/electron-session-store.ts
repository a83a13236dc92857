import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { safeStorage } from 'electron';
import { Session } from '../src/api/auth';
import { safeStorageWeakness } from '../src/desktop/cache-keys';
import type { SessionStore } from '../src/sync/session';

/**
 * The session (with its refresh token) encrypted by the OS through safeStorage: DPAPI on Windows,
 * the keychain on macOS, libsecret on Linux. Without real OS encryption (none, or Linux's
 * basic_text with its fixed key) nothing is written: the user logs in again after a restart rather
 * than finding a refresh token on disk as good as clear.
 */
export function electronSessionStore(file: string): SessionStore {
  const usable = () => safeStorageWeakness(safeStorage) === undefined;
  return {
    async load() {
      if (!usable() || !existsSync(file)) return undefined;
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
      if (!usable()) return;
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
