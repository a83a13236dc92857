/**
 * UI first paint at province scale (`npm run bench -- ui`): from the launch of the browser host on
 * the province admin's synced cache (session remembered) to the org list visible in Chromium,
 * measured by Playwright; against a static page loaded the same way in the same browser. Uses the
 * benchmark fixture's province tier and synced cache (made once, then reused).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { Session } from '../../src/api/auth';
import { createApiClient } from '../../src/api/client';
import { openClientDb } from '../../src/db/client-db';
import { createDesktopService } from '../../src/desktop/desktop-service';
import { memorySessionStore } from '../../src/sync/session';
import { startBrowserHost } from '../../main/browser-host';
import { CHROMIUM, CHROMIUM_QUIET_FLAGS } from '../../main/chromium';
import { ensureRendererBuilt, RENDERER_DIST } from '../../main/renderer-build';
import { rootAdmin, serverDbFile, startServerProcess, syncedCacheFile } from './fixture';
import { figureLine } from './stats';
import { initialSync } from './sync-bench';

const RUNS = 7;

const log = (line: string) => process.stderr.write(`# ui: ${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function timeAppFirstPaint(
  browser: Browser,
  cacheFile: string,
  serverUrl: string,
  session: Session,
) {
  const started = performance.now();
  const cache = await openClientDb(cacheFile);
  const sessions = memorySessionStore();
  await sessions.save(session);
  const api = createDesktopService({ cache, serverUrl, sessionStore: sessions });
  await api.restoreSession();
  const host = await startBrowserHost({ api, staticDir: RENDERER_DIST });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(host.launchUrl);
    const firstRow = page.locator('[data-testid="org-table"] .ant-table-row').first();
    await firstRow.waitFor();
    const firstPaint = performance.now() - started;
    // One level down: the province's own committees, hundreds of rows with their counts.
    const down = performance.now();
    await firstRow.getByRole('button', { name: 'Xem cấp con' }).click();
    await page.getByTestId('org-breadcrumb').waitFor();
    await page.locator('[data-testid="org-table"] .ant-table-row').first().waitFor();
    const children = performance.now() - down;
    const rows = Number(
      /\d[\d.]*/.exec(await page.getByTestId('org-total').innerText())?.[0]?.replaceAll('.', ''),
    );
    return { firstPaint, children, rows };
  } finally {
    await context.close();
    await host.close();
    await cache.close();
  }
}

/** A one-element page from a bare HTTP server, loaded and waited for the same way. */
async function timeStaticPage(browser: Browser) {
  const started = performance.now();
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>t</title><h1 id="ready">Sẵn sàng</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.locator('#ready').waitFor();
    return performance.now() - started;
  } finally {
    await context.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The figure's lines, as `npm run bench` prints them. */
export async function benchUi(): Promise<string[]> {
  await ensureRendererBuilt(log);
  const serverFile = await serverDbFile('province', 1);
  const cacheFile = syncedCacheFile(serverFile);
  if (!existsSync(cacheFile)) {
    log('syncing the province cache (once)…');
    await initialSync(serverFile);
  }
  const server = await startServerProcess(serverFile);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_QUIET_FLAGS,
    chromiumSandbox: false,
  });
  try {
    // The session a restarted app would find in its store; logging in is not part of the paint.
    const session = await createApiClient({
      baseUrl: server.url,
      getAccessToken: () => undefined,
    }).login(await rootAdmin(serverFile));
    const app = [];
    const baseline = [];
    for (let i = 0; i < RUNS; i++) {
      baseline.push(await timeStaticPage(browser));
      app.push(await timeAppFirstPaint(browser, cacheFile, server.url, session));
    }
    const paint = median(app.map((r) => r.firstPaint));
    const children = median(app.map((r) => r.children));
    const base = median(baseline);
    return [
      figureLine(`ui.first_paint_ms=${paint.toFixed(0)}`, {
        baseline_static_ms: base.toFixed(0),
        ratio: (paint / base).toFixed(1),
        runs: RUNS,
        goal_ms: 1500,
      }),
      `bench ui.province_children_ms=${children.toFixed(0)} rows=${app[0]?.rows ?? 0}`,
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchUi().then(
    (lines) => {
      for (const line of lines) console.log(line);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
