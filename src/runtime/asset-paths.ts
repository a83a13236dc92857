/**
 * Where the files the app reads at run time are (fonts, worker entries), in both layouts:
 * - the source tree (`npm start`, tests, scripts), where this module is src/runtime/asset-paths.ts;
 * - the production bundle (main/production-build.ts), where every entry is a file directly in
 *   dist/main/ with this module inlined, the workers beside it and the fonts in dist/main/assets/.
 * The bundle build defines `__DANGVU_BUNDLE__`; a bundler rewrites `import.meta.url` to the
 * bundle's file, so a path relative to a source file would point nowhere there.
 */
import { fileURLToPath } from 'node:url';

declare const __DANGVU_BUNDLE__: boolean | undefined;

/** True inside the production bundle (set by the build), false when running from sources. */
export const BUNDLED = typeof __DANGVU_BUNDLE__ === 'boolean' && __DANGVU_BUNDLE__;

/**
 * Worker threads, by name: from sources, the launcher that registers tsx before loading the
 * worker; in the bundle, `<name>.mjs`, built from `source` (paths relative to this file).
 */
export const WORKERS = {
  'token-worker': {
    launcher: '../signing/token/token-worker-entry.mjs',
    source: '../signing/token/token-worker.ts',
  },
  'verify-worker': {
    launcher: '../signing/verify/verify-worker-entry.mjs',
    source: '../signing/verify/verify-worker.ts',
  },
} as const;
export type WorkerName = keyof typeof WORKERS;

/** The bundle's directory of copied assets, relative to dist/main/. */
export const BUNDLE_ASSET_DIR = 'assets';

/** The font files of src/documents/fonts, copied to dist/main/assets/fonts in the bundle. */
export function fontFile(name: string): URL {
  return BUNDLED
    ? new URL(`./${BUNDLE_ASSET_DIR}/fonts/${name}`, import.meta.url)
    : new URL(`../documents/fonts/${name}`, import.meta.url);
}

/** What to start a worker thread from: its entry in the bundle, its tsx launcher from sources. */
export function workerEntry(name: WorkerName): URL {
  return BUNDLED
    ? new URL(`./${name}.mjs`, import.meta.url)
    : new URL(WORKERS[name].launcher, import.meta.url);
}

/** The built renderer (Vite's dist/renderer): beside dist/main in the bundle. */
export function rendererDir(): string {
  return fileURLToPath(
    BUNDLED
      ? new URL('../renderer/', import.meta.url)
      : new URL('../../dist/renderer/', import.meta.url),
  );
}
