import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cacheKeyring,
  electronKeyStore,
  fileKeyStore,
  KeyStoreSealError,
  KeyStoreUnavailableError,
  openBox,
  sealBox,
  type SafeStorageLike,
} from './cache-keys';

const FAST_KDF = { N: 2 ** 10, r: 8, p: 1 };
const USER_A = '00000000-0000-4000-8000-00000000000a';
const USER_B = '00000000-0000-4000-8000-00000000000b';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cache-keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (file: string) => statSync(file).mode & 0o777;

/**
 * A test double of Electron's safeStorage (Electron cannot run here): real AES under a key of its
 * own, so another "OS profile" (another instance) cannot decrypt, and a chosen backend name.
 */
class FakeSafeStorage implements SafeStorageLike {
  private readonly key = randomBytes(32);
  constructor(
    private readonly backend: string | undefined,
    private readonly available = true,
  ) {}
  isEncryptionAvailable = () => this.available;
  getSelectedStorageBackend = () => this.backend ?? 'unknown';
  // Authenticated, as DPAPI and the keyrings are: another profile's key always fails. (CBC's
  // padding check let one wrong key in 256 through, and the test failed that often.)
  encryptString(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }
  decryptString(sealed: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString();
  }
}

describe('AES-256-GCM boxes', () => {
  const key = randomBytes(32);
  const secret = randomBytes(32);

  it('open what they sealed, under the same key and context only', () => {
    const box = sealBox(key, secret, 'context');
    expect(box[0]).toBe(1);
    expect(box.length).toBe(1 + 12 + 32 + 16);
    expect(openBox(key, box, 'context')).toEqual(secret);
    expect(openBox(randomBytes(32), box, 'context')).toBeNull();
    expect(openBox(key, box, 'another context')).toBeNull();
  });

  it('refuse any changed byte, a truncated box and an unknown version', () => {
    const box = sealBox(key, secret, 'context');
    for (const at of [1, 13, 30, box.length - 1]) {
      const flipped = Buffer.from(box);
      flipped[at] = (flipped[at] ?? 0) ^ 0x01;
      expect(openBox(key, flipped, 'context')).toBeNull();
    }
    expect(openBox(key, box.subarray(0, 20), 'context')).toBeNull();
    const v2 = Buffer.from(box);
    v2[0] = 2;
    expect(openBox(key, v2, 'context')).toBeNull();
  });
});

describe('the browser host’s key file', () => {
  it('is created 0600 with 256 random bits, and seals and opens the data key', () => {
    const file = join(dir, 'cache.key');
    const store = fileKeyStore(file);
    const secret = randomBytes(32);
    const sealed = store.seal(secret);
    expect(modeOf(file)).toBe(0o600);
    expect(readFileSync(file)).toHaveLength(32);
    expect(sealed.includes(secret)).toBe(false);
    expect(fileKeyStore(file).open(sealed)).toEqual(secret);
  });

  it('is refused once other users may read it', () => {
    const file = join(dir, 'cache.key');
    const sealed = fileKeyStore(file).seal(randomBytes(32));
    chmodSync(file, 0o644);
    expect(() => fileKeyStore(file).open(sealed)).toThrow(KeyStoreUnavailableError);
    expect(() => fileKeyStore(file).open(sealed)).toThrow(/read by other users \(mode 644\)/);
  });

  it('does not open a seal when the key file is missing or another one', () => {
    const file = join(dir, 'cache.key');
    const sealed = fileKeyStore(file).seal(randomBytes(32));
    writeFileSync(file, randomBytes(32), { mode: 0o600 });
    expect(() => fileKeyStore(file).open(sealed)).toThrow(KeyStoreSealError);
    rmSync(file);
    expect(() => fileKeyStore(file).open(sealed)).toThrow(/missing/);
  });
});

describe('the Electron key store (safeStorage)', () => {
  it('refuses Linux’s basic_text backend, whose key is fixed, and an unknown one', () => {
    expect(() => electronKeyStore(new FakeSafeStorage('basic_text'), 'linux')).toThrow(
      KeyStoreUnavailableError,
    );
    expect(() => electronKeyStore(new FakeSafeStorage('basic_text'), 'linux')).toThrow(
      /basic_text has no secret key/,
    );
    expect(() => electronKeyStore(new FakeSafeStorage('unknown'), 'linux')).toThrow(
      KeyStoreUnavailableError,
    );
  });

  it('refuses when the OS has no encryption at all', () => {
    expect(() => electronKeyStore(new FakeSafeStorage(undefined, false), 'win32')).toThrow(
      /not available/,
    );
  });

  it('uses DPAPI on Windows and a real keyring on Linux; another profile cannot open', () => {
    const secret = randomBytes(32);
    for (const [backend, platform] of [
      [undefined, 'win32'],
      ['gnome_libsecret', 'linux'],
      ['kwallet5', 'linux'],
    ] as const) {
      const os = new FakeSafeStorage(backend);
      const store = electronKeyStore(os, platform);
      const sealed = store.seal(secret);
      expect(sealed[0]).toBe(1);
      expect(store.open(sealed)).toEqual(secret);
      const otherProfile = electronKeyStore(new FakeSafeStorage(backend), platform);
      expect(() => otherProfile.open(sealed)).toThrow(KeyStoreSealError);
    }
  });
});

describe('the keys file', () => {
  const keyring = () =>
    cacheKeyring({
      file: join(dir, 'cache.sqlite.keys'),
      store: fileKeyStore(join(dir, 'cache.key')),
      passwordKdf: FAST_KDF,
    });

  it('keeps the data key only sealed: 0600, and the key’s bytes nowhere in it', () => {
    const ring = keyring();
    expect(ring.exists()).toBe(false);
    const dataKey = ring.create();
    expect(dataKey).toHaveLength(32);
    expect(modeOf(ring.file)).toBe(0o600);
    const text = readFileSync(ring.file, 'utf8');
    for (const encoding of ['hex', 'base64'] as const)
      expect(text).not.toContain(dataKey.toString(encoding));
    expect(keyring().openWithStore()).toEqual(dataKey);
  });

  it('unwraps the key with the right password only, for the user it was wrapped for', async () => {
    const ring = keyring();
    const dataKey = ring.create();
    const keys = ring.passwordKeys(dataKey);
    expect(keys.has(USER_A)).toBe(false);
    expect(await keys.unlock(USER_A, 'Mật khẩu@2026')).toBe(false);
    await keys.enroll(USER_A, 'Mật khẩu@2026');
    expect(keys.has(USER_A)).toBe(true);
    expect(await keys.unlock(USER_A, 'Mật khẩu@2026')).toBe(true);
    // The other Unicode spelling of the same Vietnamese password is the same password.
    expect(await keys.unlock(USER_A, 'Mật khẩu@2026'.normalize('NFD'))).toBe(true);
    expect(await keys.unlock(USER_A, 'Mật khẩu@2025')).toBe(false);
    expect(await keys.unlock(USER_B, 'Mật khẩu@2026')).toBe(false);
    expect(readFileSync(ring.file, 'utf8')).not.toContain('Mật khẩu');
  });

  it('lets nobody in with a wrap moved to another user, or a wrap of another data key', async () => {
    const ring = keyring();
    const dataKey = ring.create();
    await ring.passwordKeys(dataKey).enroll(USER_A, 'pw-a');
    const file = JSON.parse(readFileSync(ring.file, 'utf8'));
    file.users[USER_B] = file.users[USER_A];
    writeFileSync(ring.file, JSON.stringify(file));
    expect(await ring.passwordKeys(dataKey).unlock(USER_B, 'pw-a')).toBe(false);
    // The cache was replaced (new key): the old wrap opens, but not this cache.
    expect(await ring.passwordKeys(randomBytes(32)).unlock(USER_A, 'pw-a')).toBe(false);
  });

  it('refuses hostile scrypt parameters before deriving anything', async () => {
    const ring = keyring();
    const dataKey = ring.create();
    await ring.passwordKeys(dataKey).enroll(USER_A, 'pw');
    const file = JSON.parse(readFileSync(ring.file, 'utf8'));
    file.users[USER_A].kdf = { N: 2 ** 30, r: 8, p: 1 };
    writeFileSync(ring.file, JSON.stringify(file));
    await expect(ring.passwordKeys(dataKey).unlock(USER_A, 'pw')).rejects.toThrow(
      KeyStoreSealError,
    );
  });

  it('reports a damaged keys file as a seal problem, not a crash elsewhere', () => {
    const ring = keyring();
    ring.create();
    writeFileSync(ring.file, '{"version":1,');
    expect(() => ring.openWithStore()).toThrow(KeyStoreSealError);
    writeFileSync(ring.file, JSON.stringify({ version: 2, store: null, users: {} }));
    expect(() => ring.openWithStore()).toThrow(/malformed/);
  });

  it('does not open a key sealed by another kind of store', () => {
    const ring = keyring();
    ring.create();
    const electronRing = cacheKeyring({
      file: ring.file,
      store: electronKeyStore(new FakeSafeStorage(undefined), 'win32'),
    });
    expect(() => electronRing.openWithStore()).toThrow(/sealed by file, not electron/);
  });
});
