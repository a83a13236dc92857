import { describe, expect, it } from 'vitest';
// electron-builder's own loader, schema check and macro expansion: what `--win` would do.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { expandMacro } from 'app-builder-lib/out/util/macroExpander';
import type { AppInfo } from 'app-builder-lib';
import { DebugLogger, serializeToYaml } from 'builder-util';
import { REPO_ROOT } from './renderer-build';
import { builtInUpdateUrl, UPDATE_CHECK_INTERVAL_MS, updatesPlan } from './updates';

const NATIVE_MODULES = ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'pkcs11js'];

/** The generic provider's URL as electron-builder expands it, with `env` as the environment. */
function expandedUrl(url: string, env: Record<string, string | undefined>): string {
  const saved = process.env.DANGVU_UPDATE_URL;
  if (env.DANGVU_UPDATE_URL === undefined) delete process.env.DANGVU_UPDATE_URL;
  else process.env.DANGVU_UPDATE_URL = env.DANGVU_UPDATE_URL;
  try {
    return expandMacro(url, null, {} as AppInfo);
  } finally {
    if (saved === undefined) delete process.env.DANGVU_UPDATE_URL;
    else process.env.DANGVU_UPDATE_URL = saved;
  }
}

describe('electron-builder.yml: installer and updates', () => {
  it('builds a per-user NSIS installer in Vietnamese, without licence or file types', async () => {
    const config = await getConfig(REPO_ROOT, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect([config.win?.target].flat()).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      perMachine: false,
      language: '1066',
      installerLanguages: ['vi_VN'],
      multiLanguageInstaller: false,
    });
    expect(config.nsis?.license ?? null).toBeNull();
    expect(config.fileAssociations ?? []).toEqual([]);
  });

  it('publishes to a generic update server whose URL comes from the build environment', async () => {
    const config = await getConfig(REPO_ROOT, null, null);
    expect(config.publish).toEqual({ provider: 'generic', url: '${env.DANGVU_UPDATE_URL}' });
    const url = (config.publish as { url: string }).url;
    expect(expandedUrl(url, { DANGVU_UPDATE_URL: 'https://capnhat.dangvu.vn/desktop' })).toBe(
      'https://capnhat.dangvu.vn/desktop',
    );
    // No URL, no build: an installer never ships pointing nowhere.
    expect(() => expandedUrl(url, {})).toThrow(/DANGVU_UPDATE_URL is not defined/);
  });

  it('keeps the update signature check on, with the publisher to check against', async () => {
    const config = await getConfig(REPO_ROOT, null, null);
    expect(config.win?.verifyUpdateCodeSignature).not.toBe(false);
    const publisher = config.win?.signtoolOptions?.publisherName;
    expect([publisher].flat().filter(Boolean).length).toBeGreaterThan(0);
  });

  it('rebuilds the native modules for Electron and keeps them out of the asar', async () => {
    const config = await getConfig(REPO_ROOT, null, null);
    expect(config.npmRebuild).toBe(true);
    const unpacked = [config.asarUnpack].flat();
    expect(unpacked).toContain('**/*.node');
    for (const name of NATIVE_MODULES) expect(unpacked).toContain(`node_modules/${name}/**`);
  });
});

describe('updater policy', () => {
  it('checks every 4 hours, and never without an update URL built in', () => {
    expect(UPDATE_CHECK_INTERVAL_MS).toBe(14_400_000);
    // The app-update.yml electron-builder writes from `publish` is what the app reads.
    const written = serializeToYaml({ provider: 'generic', url: 'https://capnhat.dangvu.vn/d' });
    expect(builtInUpdateUrl(written)).toBe('https://capnhat.dangvu.vn/d');
    const plan = (appUpdateConfig: string | undefined) =>
      updatesPlan({ host: 'electron', packaged: true, appUpdateConfig }).enabled;
    expect(plan(written)).toBe(true);
    expect(plan(undefined)).toBe(false);
    expect(plan(serializeToYaml({ provider: 'generic', url: '' }))).toBe(false);
  });
});
