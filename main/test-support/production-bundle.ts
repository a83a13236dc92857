/**
 * The production bundle as a user's machine would hold it, for the smoke test: a directory with
 * only `dist/` (main and renderer) and a `node_modules` of the production dependencies, started
 * with plain `node` — no tsx, no src/, no dev dependencies on the module path. Test support only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DesktopCallName, DesktopResult } from '../../src/desktop/contract';
import { buildMain, productionDependencies } from '../production-build';
import { ensureRendererBuilt, RENDERER_DIST, REPO_ROOT } from '../renderer-build';

/**
 * Builds dist/main into `root/dist` and copies the renderer build beside it (Vite's build is
 * incremental in the repository's dist/; building it again here would double the test's time).
 * `node_modules` holds one symlink per production dependency (package.json "dependencies", what
 * electron-builder ships): a bare import of anything else from dist/ fails to resolve.
 */
export async function stageProductionBundle(root: string): Promise<string[]> {
  const files = await buildMain(join(root, 'dist'));
  await ensureRendererBuilt(() => {});
  cpSync(RENDERER_DIST, join(root, 'dist', 'renderer'), { recursive: true });
  for (const name of productionDependencies()) {
    const link = join(root, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules', name), link, 'dir');
  }
  return files;
}

export interface BundleHost {
  origin: string;
  /** A DesktopApi call through the host, as the renderer makes it (session cookie). */
  call(name: DesktopCallName, input?: unknown): Promise<DesktopResult<unknown>>;
  log(): string;
  stop(): Promise<void>;
}

/**
 * `node dist/main/host-main.mjs` in `root` with a clean module path (no NODE_PATH, no
 * NODE_OPTIONS loaders), then the page's handshake: the launch code for the session cookie.
 */
export async function startBundleHost(
  root: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<BundleHost> {
  const { NODE_PATH: _path, NODE_OPTIONS: _options, ...inherited } = process.env;
  const child = spawn(process.execPath, ['dist/main/host-main.mjs', '--no-open', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inherited, ...env },
  });
  let stderr = '';
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr += `${line}\n`;
  });
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 90 s\n${stderr}`)), 90_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('http://127.0.0.1:')) return;
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bundle exited with ${code} before printing its URL\n${stderr}`));
    });
  });
  const url = new URL(launchUrl);
  const code = new URLSearchParams(url.hash.slice(1)).get('code');
  const session = await fetch(`${url.origin}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  const cookie = session.headers.get('set-cookie')?.split(';')[0];
  if (session.status !== 204 || !cookie)
    throw new Error(`launch code refused: HTTP ${session.status}\n${stderr}`);
  return {
    origin: url.origin,
    async call(name, input = {}) {
      const res = await fetch(`${url.origin}/api/call/${name}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      return (await res.json()) as DesktopResult<unknown>;
    },
    log: () => stderr,
    stop: () => stopProcess(child),
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
