import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Debian's Chromium: what our machines have instead of Electron. */
export const CHROMIUM = '/usr/bin/chromium';

/** Chromium refuses to start sandboxed as root; for everyone else the sandbox stays on. */
export const runningAsRoot = (): boolean => process.getuid?.() === 0;

/** Quiet, private, reproducible: no background traffic, no sync, no component updates. */
export const CHROMIUM_QUIET_FLAGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The flags the app starts Chromium with: `--no-sandbox` only when running as root. */
export const chromiumFlags = (asRoot = runningAsRoot()): string[] => [
  ...(asRoot ? ['--no-sandbox'] : []),
  ...CHROMIUM_QUIET_FLAGS,
];

export const chromiumInstalled = (): boolean => existsSync(CHROMIUM);

/** A Chromium that fails this soon never showed a window (no display, broken profile). */
const FAILED_START_MS = 10_000;

/**
 * A page that sends Chromium on to `url`, in a directory only this user can read: the launch code
 * in `url` then appears on no command line (`ps` shows every user's), only this file's name.
 */
export function writeLaunchPage(dir: string, url: string): string {
  const file = join(dir, 'open.html');
  const attr = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  writeFileSync(file, `<!doctype html><meta http-equiv="refresh" content="0;url=${attr}">`, {
    mode: 0o600,
  });
  return file;
}

/** Chromium's command line for the app window: nothing secret on it. */
export function chromiumAppArgs(profile: string, launchPage: string, asRoot = runningAsRoot()) {
  return [
    ...chromiumFlags(asRoot),
    '--no-first-run',
    `--user-data-dir=${profile}`,
    `--app=${pathToFileURL(launchPage).href}`,
  ];
}

/**
 * Opens the app as a Chromium app window with a fresh profile, removed when the window closes.
 * `onClosed` runs when the user closes the window; `onFailed` when Chromium could not open one.
 */
export function openChromiumApp(
  url: string,
  onClosed: () => void,
  onFailed: (reason: string) => void,
): ChildProcess {
  const started = Date.now();
  // mkdtemp makes the directory 0700: the profile and the launch page are this user's only.
  const profile = mkdtempSync(join(tmpdir(), 'dangvu-chromium-'));
  const launchPage = writeLaunchPage(profile, url);
  const child = spawn(CHROMIUM, chromiumAppArgs(profile, launchPage), { stdio: 'ignore' });
  const cleanUp = () => rmSync(profile, { recursive: true, force: true });
  child.once('exit', (code) => {
    cleanUp();
    if (code !== 0 && Date.now() - started < FAILED_START_MS)
      onFailed(`Chromium exited with code ${code} (no display?)`);
    else onClosed();
  });
  child.once('error', (err) => {
    cleanUp();
    onFailed(`could not start ${CHROMIUM}: ${err.message}`);
  });
  return child;
}
