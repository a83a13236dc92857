import { existsSync, renameSync } from 'node:fs';
import { openClientDb, type ClientDb } from '../db/client-db';
import { CacheKeyMismatchError, isPlainSqliteFile } from '../db/sqlcipher';
import {
  cacheKeyring,
  KeyStoreSealError,
  type CachePasswordKeys,
  type KeyStore,
  type ScryptParams,
} from './cache-keys';

export interface DesktopCache {
  cache: ClientDb;
  /** For the desktop service's logins; the data key stays inside. */
  keys: CachePasswordKeys;
}

/** The keys file beside a cache file. */
export const keysFileOf = (cacheFile: string) => `${cacheFile}.keys`;

/**
 * Opens the desktop cache encrypted (docs/decisions/0018): with the data key the OS store opens,
 * or a new one for a new cache; a plain cache left by an older version is encrypted first. A cache
 * whose key is lost (the key file deleted, another OS profile) cannot be read by anyone here: it is
 * set aside with its keys file, never deleted, and a new cache is started. A store that cannot
 * protect a key at all (KeyStoreUnavailableError) stops the start instead.
 */
export async function openDesktopCache(opts: {
  file: string;
  store: KeyStore;
  passwordKdf?: ScryptParams;
  now?: () => Date;
  log?: (message: string) => void;
}): Promise<DesktopCache> {
  const { file } = opts;
  const log = opts.log ?? ((m: string) => console.warn(m));
  const keyring = cacheKeyring({
    file: keysFileOf(file),
    store: opts.store,
    ...(opts.passwordKdf ? { passwordKdf: opts.passwordKdf } : {}),
  });
  const setAside = (why: string, files: string[]) => {
    const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    for (const f of files) {
      for (const part of [f, `${f}-wal`, `${f}-shm`])
        if (existsSync(part)) renameSync(part, part.replace(f, `${f}.unreadable-${stamp}`));
    }
    log(`desktop cache ${file}: ${why}; set aside as *.unreadable-${stamp}, starting a new cache`);
  };

  let dataKey: Buffer | undefined;
  if (keyring.exists()) {
    try {
      dataKey = keyring.openWithStore();
    } catch (err) {
      if (!(err instanceof KeyStoreSealError)) throw err;
      setAside(err.message, [file, keyring.file]);
    }
  } else if (existsSync(file) && !isPlainSqliteFile(file)) {
    setAside('encrypted cache without a keys file', [file]);
  }
  dataKey ??= keyring.create();

  let cache: ClientDb;
  try {
    cache = await openClientDb(file, { key: dataKey });
  } catch (err) {
    if (!(err instanceof CacheKeyMismatchError)) throw err;
    setAside(err.message, [file]);
    cache = await openClientDb(file, { key: dataKey });
  }
  return { cache, keys: keyring.passwordKeys(dataKey) };
}
