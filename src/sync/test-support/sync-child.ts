/**
 * A desktop sync in its own process, for the crash test: logs in, syncs the cache file, and
 * prints every app event as one JSON line on stdout, so the parent can SIGKILL it mid-pull.
 *   tsx src/sync/test-support/sync-child.ts <serverUrl> <cacheFile> <username> <pageSize>
 * The password comes in SYNC_PASSWORD (never on a command line).
 */
import { openDesktopCache } from '../../desktop/desktop-cache';
import { createDesktopService } from '../../desktop/desktop-service';
import { testCacheStore, TEST_PASSWORD_KDF } from './encrypted-cache';

const [serverUrl, cacheFile, username, pageSize] = process.argv.slice(2);
const password = process.env.SYNC_PASSWORD;
if (!serverUrl || !cacheFile || !username || !pageSize || !password) {
  console.error('usage: sync-child.ts <serverUrl> <cacheFile> <username> <pageSize>');
  process.exit(2);
}

// Encrypted as in the app: the crash test is about the cache the app really writes.
const { cache, keys } = await openDesktopCache({
  file: cacheFile,
  store: testCacheStore(cacheFile),
  passwordKdf: TEST_PASSWORD_KDF,
});
const desktop = createDesktopService({
  cache,
  cacheKeys: keys,
  serverUrl,
  pageSize: Number(pageSize),
});
desktop.subscribe((event) => process.stdout.write(`${JSON.stringify(event)}\n`));
const login = await desktop.login({ username, password });
if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
const result = await desktop.syncNow({});
if (!result.ok) throw new Error(`sync failed: ${result.error.message}`);
await cache.close();
