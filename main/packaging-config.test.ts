import { describe, expect, it } from 'vitest';
// electron-builder's own loader and schema check: what `electron-builder --win` would read.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { REPO_ROOT } from './renderer-build';

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
});
