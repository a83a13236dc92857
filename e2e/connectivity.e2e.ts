import { afterAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../main/demo-server';
import { DEMO_PASSWORD } from '../scripts/gen/demo-accounts';
import { AppShell } from './pages/app-shell';
import { LoginPage } from './pages/login-page';
import { screenshot } from './support/artifacts';
import { closeBrowser, freshDataDir, openApp, removeDataDir } from './support/journey';

/** The promise: the header follows the server within this long, with no click. */
const NOTICED_WITHIN_MS = 5000;

const serverDir = freshDataDir();
const appDir = freshDataDir();
let server: DemoServer | undefined;
afterAll(async () => {
  await closeBrowser();
  await server?.close();
  removeDataDir(serverDir);
  removeDataDir(appDir);
});

describe('the central server goes away while the app is open', () => {
  it('the header says "Ngoại tuyến" within seconds, and "Trực tuyến" again when it returns', async () => {
    // The central server runs apart from the app, so the journey can stop and restart it.
    server = await startDemoServer(serverDir);
    const s = await openApp({ dataDir: appDir, serverUrl: server.url });
    try {
      await new LoginPage(s.page).submit('quantri.phuong', DEMO_PASSWORD);
      const shell = new AppShell(s.page);
      await shell.waitUntilShown();
      await shell.syncNow();
      expect(await shell.isOnline()).toBe('true');
      const indicator = (online: boolean) =>
        s.page.locator(`[data-testid="sync-indicator"][data-online="${online}"]`);

      await server.close();
      server = undefined;
      await indicator(false).waitFor({ timeout: NOTICED_WITHIN_MS });
      await expect(s.page.getByText('Ngoại tuyến', { exact: true }).isVisible()).resolves.toBe(
        true,
      );
      await screenshot(s.page, '30-server-gone');

      // The demo server keeps its port: the app finds it again at the same address.
      server = await startDemoServer(serverDir);
      await indicator(true).waitFor({ timeout: NOTICED_WITHIN_MS });
      await expect(s.page.getByText('Trực tuyến', { exact: true }).isVisible()).resolves.toBe(true);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
    // Seeding the demo server's database comes first; the waits that matter are bounded above.
  }, 240_000);
});
