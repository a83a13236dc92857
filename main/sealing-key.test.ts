import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyStoreSealError, KeyStoreUnavailableError } from '../src/desktop/cache-keys';
import { openSealingKey, sealedSessionStore, sealingKeyStore } from './sealing-key';
import { fakeSafeStorage } from './test-support/fake-safe-storage';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sealing-key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const session = {
  accessToken: 'access-token',
  refreshToken: 'refresh-token-0000000000',
  expiresIn: 900,
  user: {
    id: '00000000-0000-4000-8000-000000000001',
    username: 'bithu.chibo1',
    fullName: 'Nguyễn Văn A',
    orgId: '00000000-0000-4000-8000-000000000002',
    roles: [],
  },
};

describe('the sealing key of the main process', () => {
  it('is made once, sealed by safeStorage in a 0600 file, and opens again', () => {
    const safeStorage = fakeSafeStorage();
    const file = join(dir, 'sealing.key');
    const key = openSealingKey(file, safeStorage);
    expect(key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(openSealingKey(file, safeStorage)).toEqual(key);
    // Another OS profile cannot open it.
    expect(() => openSealingKey(file, fakeSafeStorage())).toThrow(KeyStoreSealError);
  });

  it('is refused where safeStorage has a fixed key', () => {
    expect(() => openSealingKey(join(dir, 'k'), fakeSafeStorage('basic_text'))).toThrow(
      KeyStoreUnavailableError,
    );
  });
});

describe('what the runtime seals with it', () => {
  it('opens the data key under the same key only', () => {
    const key = randomBytes(32);
    const dataKey = randomBytes(32);
    const sealed = sealingKeyStore(key).seal(dataKey);
    expect(sealingKeyStore(key).open(sealed)).toEqual(dataKey);
    expect(() => sealingKeyStore(randomBytes(32)).open(sealed)).toThrow(KeyStoreSealError);
  });

  it('keeps the session across a restart, and reads a foreign file as logged out', async () => {
    const key = randomBytes(32);
    const file = join(dir, 'session.bin');
    await sealedSessionStore(file, key).save(session);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await sealedSessionStore(file, key).load()).toMatchObject({
      refreshToken: session.refreshToken,
      user: { username: 'bithu.chibo1' },
    });
    expect(await sealedSessionStore(file, randomBytes(32)).load()).toBeUndefined();
    await sealedSessionStore(file, key).clear();
    expect(await sealedSessionStore(file, key).load()).toBeUndefined();
  });
});
