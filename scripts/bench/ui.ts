/**
 * UI first paint at province scale (`npm run bench -- ui`, or `npx tsx scripts/bench/ui.ts`):
 * from the launch of the browser host on a province cache (the user's session remembered) to
 * the org list visible in Chromium, measured by Playwright; against a static page loaded the same
 * way in the same browser. The province data and its synced cache are made once and kept in
 * $TMPDIR/dangvu-bench-ui (generating and syncing them takes a few minutes).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { Session } from '../../src/api/auth';
import { openClientDb } from '../../src/db/client-db';
import { openServerDb } from '../../src/db/server-db';
import { createDesktopService } from '../../src/desktop/desktop-service';
import { memorySessionStore } from '../../src/sync/session';
import { startBrowserHost } from '../../main/browser-host';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../main/chromium';
import { ensureRendererBuilt, RENDERER_DIST } from '../../main/renderer-build';
import { startServer } from '../../server/main';
import { DEMO_PASSWORD } from '../gen/demo-accounts';
import { generate } from '../gen/generate';

const RUNS = 7;
const WORK_DIR = join(tmpdir(), 'dangvu-bench-ui');
const SERVER_FILE = join(WORK_DIR, 'province-server.sqlite');
const CACHE_FILE = join(WORK_DIR, 'province-cache.sqlite');
const READY = join(WORK_DIR, 'ready');

const log = (line: string) => process.stderr.write(`bench ui: ${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** The province admin: admin role granted at the root of the generated province. */
async function provinceAdmin(): Promise<string> {
  const server = await openServerDb({ sqliteFile: SERVER_FILE });
  try {
    const row = await server.db
      .selectFrom('user_roles as r')
      .innerJoin('orgs as o', 'o.id', 'r.org_id')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select('u.username')
      .where('r.role', '=', 'admin')
      .where('o.depth', '=', 0)
      .where('u.status', '=', 'active')
      .orderBy('u.username')
      .executeTakeFirstOrThrow();
    return row.username;
  } finally {
    await server.close();
  }
}

/** Generates the province (seed 1) and syncs the province admin's cache, once. */
async function prepareProvince(serverUrl: string, username: string): Promise<Session> {
  const cache = await openClientDb(CACHE_FILE);
  const sessions = memorySessionStore();
  const api = createDesktopService({ cache, serverUrl, sessionStore: sessions });
  try {
    const login = await api.login({ username, password: DEMO_PASSWORD });
    if (!login.ok) throw new Error(`login of ${username}: ${login.error.message}`);
    if (!existsSync(READY)) {
      log('syncing the province cache (once)…');
      const started = performance.now();
      const sync = await api.syncNow({});
      if (!sync.ok) throw new Error(`sync: ${sync.error.message}`);
      log(
        `synced ${sync.value.pulled} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      mkdirSync(READY);
    }
    const session = await sessions.load();
    if (!session) throw new Error('no session after login');
    return session;
  } finally {
    await cache.close();
  }
}

async function timeAppFirstPaint(browser: Browser, serverUrl: string, session: Session) {
  const started = performance.now();
  const cache = await openClientDb(CACHE_FILE);
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
  mkdirSync(WORK_DIR, { recursive: true });
  await ensureRendererBuilt(log);
  if (!existsSync(READY)) {
    rmSync(SERVER_FILE, { force: true });
    rmSync(CACHE_FILE, { force: true });
    log('generating the province tier (seed 1, once)…');
    const db = await openServerDb({ sqliteFile: SERVER_FILE });
    try {
      await generate(db.db, { tier: 'province', seed: 1 });
    } finally {
      await db.close();
    }
  }
  const username = await provinceAdmin();
  const server = await startServer({ port: 0, dbConfig: { sqliteFile: SERVER_FILE } });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS.filter((f) => f !== '--no-sandbox'),
    chromiumSandbox: false,
  });
  try {
    const session = await prepareProvince(server.url, username);
    const app = [];
    const baseline = [];
    for (let i = 0; i < RUNS; i++) {
      baseline.push(await timeStaticPage(browser));
      app.push(await timeAppFirstPaint(browser, server.url, session));
    }
    const paint = median(app.map((r) => r.firstPaint));
    const children = median(app.map((r) => r.children));
    const base = median(baseline);
    return [
      `bench ui.first_paint_ms=${paint.toFixed(0)} baseline_static_ms=${base.toFixed(0)} ratio=${(paint / base).toFixed(1)} runs=${RUNS} goal_ms=1500`,
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
