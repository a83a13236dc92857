import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PullChange } from '../../src/api/sync';
import type { Session } from '../../src/api/auth';
import { openClientDb } from '../../src/db/client-db';
import { createDesktopService } from '../../src/desktop/desktop-service';
import { createCacheWriter } from '../../src/sync/repositories/cache-writer';
import { memorySessionStore } from '../../src/sync/session';
import { startBrowserHost, type BrowserHost } from '../../main/browser-host';
import { RENDERER_DIST } from '../../main/renderer-build';

/**
 * The browser host in this process over a cache filled with hand-made pull pages, for data the
 * demo ward does not have (very long names, decomposed Unicode, very deep trees). The user is
 * already logged in, as after a restart with a remembered session; nothing listens at the
 * server address, so the app is offline.
 */
export async function startFixtureHost(
  changes: PullChange[],
  user: Session['user'],
): Promise<{ host: BrowserHost; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'dangvu-e2e-fixture-'));
  const cache = await openClientDb(join(dir, 'cache.sqlite'));
  createCacheWriter(cache.handle).applyPage(changes, 'fixture');
  const sessions = memorySessionStore();
  await sessions.save({
    accessToken: 'fixture-access-token',
    refreshToken: 'fixture-refresh-token-0000',
    expiresIn: 900,
    user,
  });
  const api = createDesktopService({
    cache,
    serverUrl: 'http://127.0.0.1:9',
    sessionStore: sessions,
    timeoutMs: 1000,
  });
  await api.restoreSession();
  const host = await startBrowserHost({ api, staticDir: RENDERER_DIST });
  return {
    host,
    async close() {
      await host.close();
      await cache.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
