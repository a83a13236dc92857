import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// electron-builder's own pattern matcher (a dependency of app-builder-lib).
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
// electron-builder's own loader and schema check: what `electron-builder --win` would read.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { buildMain, filesUnder } from './production-build';
import { ensureRendererBuilt, RENDERER_DIST, REPO_ROOT } from './renderer-build';

/**
 * Whether electron-builder's `files` patterns take `file` (relative to the app): the last pattern
 * that matches decides, a `!pattern` excludes.
 */
function packaged(patterns: readonly string[], file: string): boolean {
  let taken = false;
  for (const pattern of patterns) {
    const excludes = pattern.startsWith('!');
    if (minimatch(file, excludes ? pattern.slice(1) : pattern, { dot: true })) taken = !excludes;
  }
  return taken;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder validation and flips the hardening fuses', async () => {
    const config = await getConfig(REPO_ROOT, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).not.toBe(false);
  });

  it('packages every file the production build emits, and starts from its main entry', async () => {
    const config = await getConfig(REPO_ROOT, null, null);
    // getConfig normalizes `files` to file sets; ours take from the app's root, as listed.
    const sets = [config.files ?? []].flat();
    const patterns = sets.flatMap((set) => {
      if (typeof set === 'string') return [set];
      expect(set.from ?? '.', 'a file set copied from elsewhere').toBe('.');
      return [set.filter ?? []].flat();
    });
    const dist = mkdtempSync(join(tmpdir(), 'packaging-dist-'));
    try {
      const main = (await buildMain(dist)).map((f) => `dist/main/${f}`);
      await ensureRendererBuilt(() => {});
      const renderer = filesUnder(RENDERER_DIST).map((f) => `dist/renderer/${f}`);
      expect(renderer).toContain('dist/renderer/index.html');
      const emitted = [...main, ...renderer];
      expect(emitted.filter((f) => !packaged(patterns, f))).toEqual([]);
      expect(packaged(patterns, 'package.json')).toBe(true);
      // Nothing of the sources travels: the bundle is self-contained.
      expect(packaged(patterns, 'src/documents/fonts/LiberationSerif-Regular.ttf')).toBe(false);
      expect(config.extraMetadata?.main).toBe('dist/main/electron-main.cjs');
      expect(main).toContain(config.extraMetadata?.main);
      // The window's data layer runs from it in a utilityProcess (main/electron-main.ts).
      expect(main).toContain('dist/main/runtime-main.mjs');
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  }, 180_000);
});
