import { fileKeyStore, type KeyStore } from '../../desktop/cache-keys';
import { openDesktopCache, type DesktopCache } from '../../desktop/desktop-cache';

/** The password wrap's cost in tests: the real format, a hundred and twenty-eighth of the work. */
export const TEST_PASSWORD_KDF = { N: 2 ** 10, r: 8, p: 1 };

/** The browser host's key store for a test cache: a 0600 key file beside it. */
export const testCacheStore = (cacheFile: string): KeyStore => fileKeyStore(`${cacheFile}.key`);

/** A test cache opened as the app opens its own (docs/decisions/0018). */
export const openTestCache = (cacheFile: string): Promise<DesktopCache> =>
  openDesktopCache({
    file: cacheFile,
    store: testCacheStore(cacheFile),
    passwordKdf: TEST_PASSWORD_KDF,
  });
