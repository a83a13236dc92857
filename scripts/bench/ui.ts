/**
 * UI first paint at province scale (`npm run bench -- ui`): from the launch of the browser host on
 * the province admin's synced cache (session remembered) to the org list visible in Chromium,
 * measured by Playwright; against a static page loaded the same way in the same browser. Uses the
 * benchmark fixture's province tier and synced cache (made once, then reused).
 *
 * `ui.lag_during_sync`: the largest event-loop delay of the process that serves the UI (this one,
 * running the browser host) while the province admin's initial sync runs through it, with the
 * runtime in its own process as the app runs it (docs/decisions/0042); the baseline is the same
 * sync with the runtime in this process, as before.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { Session } from '../../src/api/auth';
import { createApiClient } from '../../src/api/client';
import { openClientDb } from '../../src/db/client-db';
import { createDesktopService } from '../../src/desktop/desktop-service';
import { memorySessionStore } from '../../src/sync/session';
import { startAppRuntime } from '../../main/app-runtime';
import { startBrowserHost } from '../../main/browser-host';
import { CHROMIUM, CHROMIUM_QUIET_FLAGS } from '../../main/chromium';
import { hostConnection, inProcessConnection } from '../../main/desktop-connection';
import { ensureRendererBuilt, RENDERER_DIST } from '../../main/renderer-build';
import { forkRuntime } from '../../main/runtime-process';
import { BENCH_DIR, rootAdmin, serverDbFile, startServerProcess, syncedCacheFile } from './fixture';
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

/**
 * The browser host on a fresh data directory, the runtime in a child process or in this one; the
 * province admin logs in and syncs through the host's HTTP API, as the page would, while this
 * process's event-loop delay is sampled every 10 ms.
 */
async function lagDuringSync(
  serverUrl: string,
  admin: { username: string; password: string },
  where: 'child' | 'in-process',
) {
  const dataDir = mkdtempSync(join(BENCH_DIR, 'ui-lag-'));
  const runtime =
    where === 'child'
      ? await forkRuntime({ dataDir, serverUrl })
      : await startAppRuntime({ dataDir, serverUrl }).then((r) => ({
          desktop: inProcessConnection(r.api),
          close: () => r.close(),
        }));
  const host = await startBrowserHost({ desktop: runtime.desktop, staticDir: RENDERER_DIST });
  try {
    const page = hostConnection(host.origin, host.token);
    const login = await page.call('login', admin);
    if (!login.ok) throw new Error(`login: ${login.error.message}`);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const started = performance.now();
    delay.enable();
    const synced = await page.call('syncNow', {});
    delay.disable();
    const syncMs = performance.now() - started;
    if (!synced.ok) throw new Error(`sync: ${synced.error.message}`);
    const { pulled } = synced.value as { pulled: number };
    return { maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6, syncMs, rows: pulled };
  } finally {
    await host.close();
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
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
    const admin = await rootAdmin(serverFile);
    log('initial sync with the runtime in its own process…');
    const lag = await lagDuringSync(server.url, admin, 'child');
    log('the same sync with the runtime in this process (baseline)…');
    const lagBefore = await lagDuringSync(server.url, admin, 'in-process');
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
      figureLine(`ui.lag_during_sync`, {
        max_ms: lag.maxMs.toFixed(1),
        p99_ms: lag.p99Ms.toFixed(1),
        baseline_in_process_max_ms: lagBefore.maxMs.toFixed(1),
        ratio: (lag.maxMs / lagBefore.maxMs).toFixed(3),
        sync_ms: lag.syncMs.toFixed(0),
        rows: lag.rows,
        goal_ms: 50,
      }),
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
