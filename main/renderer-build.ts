import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RENDERER_DIST = join(REPO_ROOT, 'dist', 'renderer');
const INPUTS_FILE = join(REPO_ROOT, 'dist', 'renderer-inputs.json');
const CONFIG_FILE = join(REPO_ROOT, 'renderer', 'vite.config.ts');
/** Changes of these rebuild too: the config, the page, the installed packages. */
const ALWAYS_INPUTS = ['renderer/vite.config.ts', 'renderer/index.html', 'package-lock.json'];

const mtime = (file: string): number => (existsSync(file) ? statSync(file).mtimeMs : Infinity);

/** Why the renderer must be (re)built, or undefined when dist/renderer is up to date. */
export function rendererStaleReason(): string | undefined {
  const built = join(RENDERER_DIST, 'index.html');
  if (!existsSync(built) || !existsSync(INPUTS_FILE)) return 'not built yet';
  const builtAt = Math.min(statSync(built).mtimeMs, statSync(INPUTS_FILE).mtimeMs);
  let inputs: string[];
  try {
    inputs = z.array(z.string()).parse(JSON.parse(readFileSync(INPUTS_FILE, 'utf8')));
  } catch {
    return 'build record unreadable';
  }
  const newer = [...ALWAYS_INPUTS, ...inputs].find((f) => mtime(join(REPO_ROOT, f)) > builtAt);
  if (newer) return `${newer} changed`;
  // A new screen file is imported by a changed file; a deleted one changes its importer too.
  return undefined;
}

/** Builds the renderer with Vite into dist/renderer, always as a production build. */
export async function buildRenderer(): Promise<void> {
  const { build } = await import('vite');
  // Vite keeps a NODE_ENV it finds (vitest sets "test"), and React then ships its slow
  // development build: whoever builds, the app is built for production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: CONFIG_FILE, logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

const LOCK_DIR = join(REPO_ROOT, 'dist', '.renderer-build.lock');

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Runs `build` while no other process builds: test files that need the renderer run in parallel,
 * and two Vite builds emptying dist/renderer at once would leave it half written. A lock whose
 * process is gone (killed mid-build), or that never named one within a minute, is taken over.
 */
export async function underBuildLock<T>(build: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(LOCK_DIR), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(join(LOCK_DIR, 'pid'), { encoding: 'utf8', flag: 'a+' }));
      const orphaned = holder > 0 ? !alive(holder) : Date.now() - mtime(LOCK_DIR) > 60_000;
      if (orphaned) rmSync(LOCK_DIR, { recursive: true, force: true });
      else await new Promise((resolveWait) => setTimeout(resolveWait, 500));
    }
  }
  try {
    return await build();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/** Builds when stale; returns the reason it built, or undefined. */
export async function ensureRendererBuilt(
  log: (line: string) => void,
): Promise<string | undefined> {
  if (rendererStaleReason() === undefined) return undefined;
  return underBuildLock(async () => {
    // Another process may have built it while this one waited.
    const reason = rendererStaleReason();
    if (reason === undefined) return undefined;
    log(`building the user interface (${reason})…`);
    const started = performance.now();
    await buildRenderer();
    log(`user interface built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return reason;
  });
}
