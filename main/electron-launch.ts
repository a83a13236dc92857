import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { HOST_ORIGIN_ENV, HOST_TOKEN_ENV } from './ipc-channels';
import { buildMain } from './production-build';
import { REPO_ROOT } from './renderer-build';

const MAIN_BUNDLE = join(REPO_ROOT, 'dist', 'main', 'electron-main.cjs');

/**
 * The Electron binary when it is installed and runs. `require('electron')` throws when the
 * download was skipped (our build machines), and a binary that cannot start (missing libraries)
 * fails `--version`.
 */
export function usableElectronBinary(): string | undefined {
  let binary: unknown;
  try {
    binary = createRequire(import.meta.url)('electron');
  } catch {
    return undefined;
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return undefined;
  const probe = spawnSync(binary, ['--version'], {
    timeout: 15_000,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: 'ignore',
  });
  return probe.status === 0 ? binary : undefined;
}

/**
 * Builds dist/main, the production bundle's main process, preload, workers and assets
 * (main/production-build.ts). Packages stay in node_modules, where electron-builder ships the
 * production dependencies (better-sqlite3 rebuilt for Electron's ABI).
 */
export async function bundleElectronMain(): Promise<string> {
  await buildMain();
  return MAIN_BUNDLE;
}

/**
 * Runs the app in Electron until its window closes; resolves with Electron's exit code. The
 * window talks to the browser host at `host` (the token goes through the environment, not the
 * command line, which other users of the machine can read).
 */
export function runElectron(
  binary: string,
  mainBundle: string,
  host: { origin: string; token: string },
): Promise<number> {
  const child = spawn(binary, [mainBundle], {
    stdio: 'inherit',
    env: { ...process.env, [HOST_ORIGIN_ENV]: host.origin, [HOST_TOKEN_ENV]: host.token },
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}
