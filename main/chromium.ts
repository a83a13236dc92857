import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Chromium: what our machines have instead of Electron. */
export const CHROMIUM = '/usr/bin/chromium';

/** Quiet, private, reproducible: no background traffic, no sync, no component updates. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumInstalled = (): boolean => existsSync(CHROMIUM);

/** A Chromium that fails this soon never showed a window (no display, broken profile). */
const FAILED_START_MS = 10_000;

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
  const profile = mkdtempSync(join(tmpdir(), 'dangvu-chromium-'));
  const child = spawn(
    CHROMIUM,
    [...CHROMIUM_FLAGS, '--no-first-run', `--user-data-dir=${profile}`, `--app=${url}`],
    { stdio: 'ignore' },
  );
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
