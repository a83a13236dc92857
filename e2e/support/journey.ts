import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type Browser, type Page } from 'playwright-core';
import { bundleElectronMain, usableElectronBinary } from '../../main/electron-launch';
import { startApp } from './app-process';
import { launchChromium, watchErrors } from './browser';

export interface Session {
  page: Page;
  /** Console errors and uncaught exceptions of the app's page. */
  errors: string[];
  close(): Promise<void>;
}

/** A throw-away data directory (cache, demo database) for one journey. */
export const freshDataDir = (): string => mkdtempSync(join(tmpdir(), 'dangvu-e2e-'));
export const removeDataDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });

/** The URL of the demo server that ran on this data directory (it keeps its port). */
export function demoServerUrl(dataDir: string): string {
  const file = join(dataDir, 'demo-server.json');
  if (!existsSync(file)) throw new Error(`no demo server has run on ${dataDir}`);
  const { port } = JSON.parse(readFileSync(file, 'utf8')) as { port: number };
  return `http://127.0.0.1:${port}`;
}

let browser: Browser | undefined;

/**
 * Starts the app on `dataDir` as `npm start` would and returns its window. In the browser host
 * and Chromium by default; in Electron with E2E_ELECTRON=1 where Electron's binary runs. The page
 * objects see a Playwright Page either way.
 */
export interface OpenAppOptions {
  dataDir: string;
  serverUrl?: string;
  /** Added to the app's environment: PKCS11_MODULE, SOFTHSM2_CONF, SIGNING_TRUST_ANCHORS, … */
  env?: NodeJS.ProcessEnv;
  /** More `npm start` arguments (e.g. --oidc-issuer URL). */
  args?: readonly string[];
}

export async function openApp(opts: OpenAppOptions): Promise<Session> {
  if (process.env.E2E_ELECTRON === '1') return openInElectron(opts);
  const app = await startApp(opts);
  browser ??= await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'vi-VN',
  });
  // Journeys wait on visible UI and app events; a step that takes this long is a failure.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(app.launchUrl);
  return {
    page,
    errors,
    async close() {
      await context.close();
      await app.stop();
    },
  };
}

async function openInElectron(opts: OpenAppOptions): Promise<Session> {
  const binary = usableElectronBinary();
  if (!binary) throw new Error('E2E_ELECTRON=1 but the Electron binary is not usable here');
  const args = [await bundleElectronMain(), '--data-dir', opts.dataDir];
  args.push(...(opts.serverUrl ? ['--server', opts.serverUrl] : ['--demo']), ...(opts.args ?? []));
  const app = await _electron.launch({
    executablePath: binary,
    args,
    ...(opts.env ? { env: { ...process.env, ...opts.env } as Record<string, string> } : {}),
  });
  const page = await app.firstWindow();
  page.context().setDefaultTimeout(15_000);
  const errors = watchErrors(page);
  return { page, errors, close: () => app.close() };
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}
