import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { DEFAULT_SCRYPT_PARAMS, deriveKey, validScryptParams } from '../auth/passwords';
import { CACHE_KEY_BYTES } from '../db/sqlcipher';

/*
 * The cache's key hierarchy (docs/decisions/0018-cache-key-hierarchy.md). The data key that
 * SQLCipher uses is random; it is kept only wrapped, twice, in the keys file beside the cache:
 *   (a) by the OS (a KeyStore: Electron's safeStorage, or a 0600 key file in the browser host), so
 *       the app opens the cache at start without asking anything;
 *   (b) per user, by a key derived from the password with scrypt, so an offline login proves the
 *       password by unwrapping the key (a wrong password fails the GCM tag) and no verifier of the
 *       server password is stored anywhere.
 */

/** Where the OS keeps the data key's first wrap. */
export interface KeyStore {
  /** Named in the keys file and in logs. */
  readonly kind: string;
  seal(secret: Buffer): Buffer;
  /** Throws KeyStoreSealError when the sealed bytes are not this store's (another user, lost key). */
  open(sealed: Buffer): Buffer;
}

/** The store cannot protect anything here (no OS encryption, or one with a fixed key). */
export class KeyStoreUnavailableError extends Error {
  readonly messageVi =
    'Máy này không có kho khóa an toàn của hệ điều hành, nên không thể mã hóa dữ liệu lưu trên máy. Hãy liên hệ quản trị viên.';
  constructor(message: string) {
    super(message);
    this.name = 'KeyStoreUnavailableError';
  }
}

/** The sealed bytes do not open with this store. */
export class KeyStoreSealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyStoreSealError';
  }
}

// --- AES-256-GCM boxes: version byte, 96-bit nonce, ciphertext, 128-bit tag -------------------

const BOX_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function sealBox(key: Buffer, plain: Buffer, aad: string): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.of(BOX_VERSION), nonce, body, cipher.getAuthTag()]);
}

/** The plaintext, or null for a wrong key, a changed byte or an unknown version. */
export function openBox(key: Buffer, box: Buffer, aad: string): Buffer | null {
  if (box.length < 1 + NONCE_BYTES + TAG_BYTES || box[0] !== BOX_VERSION) return null;
  const nonce = box.subarray(1, 1 + NONCE_BYTES);
  const body = box.subarray(1 + NONCE_BYTES, box.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(box.subarray(box.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return null;
  }
}

// --- Files written whole or not at all ---------------------------------------------------------

/** tmp file (0600), fsync, rename: a crash leaves the old content or the new one. */
export function writeFileAtomic(file: string, data: Buffer | string): void {
  const temporary = `${file}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  // The rename itself must last (POSIX); Windows cannot open a directory to fsync it.
  if (process.platform !== 'win32') {
    const dir = openSync(dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}

// --- The browser host's store: a 0600 key file in the data directory ------------------------

const FILE_STORE_AAD = 'dangvu cache data key, file store';

/**
 * A random 256-bit wrapping key in a file only its owner may read. It protects against another
 * user of the machine, not against a thief of the whole disk: that is the password wrap's job.
 */
export function fileKeyStore(file: string, platform: NodeJS.Platform = process.platform): KeyStore {
  const readKey = (): Buffer => {
    // POSIX modes only: on Windows the data directory's ACL decides.
    if (platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
      throw new KeyStoreUnavailableError(
        `key file ${file} may be read by other users (mode ${(statSync(file).mode & 0o777).toString(8)}): refused`,
      );
    }
    const key = readFileSync(file);
    if (key.length !== CACHE_KEY_BYTES) throw new KeyStoreSealError(`key file ${file} is damaged`);
    return key;
  };
  const keyOrNew = (): Buffer => {
    if (existsSync(file)) return readKey();
    writeFileAtomic(file, randomBytes(CACHE_KEY_BYTES));
    return readKey();
  };
  return {
    kind: 'file',
    seal: (secret) => sealBox(keyOrNew(), secret, FILE_STORE_AAD),
    open(sealed) {
      if (!existsSync(file)) throw new KeyStoreSealError(`key file ${file} is missing`);
      const secret = openBox(readKey(), sealed, FILE_STORE_AAD);
      if (!secret) throw new KeyStoreSealError(`key file ${file} does not open the sealed key`);
      return secret;
    },
  };
}

// --- Electron's safeStorage (the part that needs no Electron, so it is tested here) ----------

/** The slice of Electron's `safeStorage` the key store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only in Electron. */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/** Linux backends whose key is fixed or unknown: as good as clear text. */
const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

/**
 * Why safeStorage would not really protect a secret here (English, for logs), or undefined when
 * it does: no OS encryption, or a Linux backend with a fixed key.
 */
export function safeStorageWeakness(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  if (!safeStorage.isEncryptionAvailable()) return 'safeStorage: OS encryption is not available';
  if (platform !== 'linux') return undefined;
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  return WEAK_LINUX_BACKENDS.has(backend)
    ? `safeStorage backend ${backend} has no secret key`
    : undefined;
}

/**
 * DPAPI on Windows, the Keychain on macOS, a keyring on Linux; never `basic_text`, whose key is a
 * constant in Chromium's source.
 */
export function electronKeyStore(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): KeyStore {
  const weakness = safeStorageWeakness(safeStorage, platform);
  if (weakness) throw new KeyStoreUnavailableError(weakness);
  return {
    kind: 'electron-safe-storage',
    seal: (secret) =>
      Buffer.concat([Buffer.of(BOX_VERSION), safeStorage.encryptString(secret.toString('base64'))]),
    open(sealed) {
      if (sealed[0] !== BOX_VERSION) throw new KeyStoreSealError('unknown safeStorage box version');
      let text: string;
      try {
        text = safeStorage.decryptString(sealed.subarray(1));
      } catch (err) {
        throw new KeyStoreSealError(`safeStorage could not decrypt the key: ${String(err)}`);
      }
      return Buffer.from(text, 'base64');
    },
  };
}

// --- The password wrap -------------------------------------------------------------------------

const ScryptParams = z
  .object({ N: z.number(), r: z.number(), p: z.number() })
  .refine(validScryptParams, 'scrypt parameters out of bounds');
export type ScryptParams = z.infer<typeof ScryptParams>;

// The user's id is bound into each wrap: a wrap copied under another user opens nothing.
const passwordAad = (userId: string) => `dangvu cache data key, password of ${userId}`;

// --- The keys file -----------------------------------------------------------------------------

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const PasswordWrap = z.object({ salt: Base64, kdf: ScryptParams, wrapped: Base64 });
const KeysFile = z.object({
  version: z.literal(1),
  store: z.object({ kind: z.string(), sealed: Base64 }),
  users: z.record(z.string(), PasswordWrap),
});
type KeysFile = z.infer<typeof KeysFile>;

/** What the desktop service needs to let a user in offline; the key itself never leaves. */
export interface CachePasswordKeys {
  /** After the server accepted the password: (re)wrap the cache's key for this user. */
  enroll(userId: string, password: string): Promise<void>;
  /** True when the password unwraps this cache's key for this user. */
  unlock(userId: string, password: string): Promise<boolean>;
  /** Whether this user has a wrap (has logged in online on this machine with this cache). */
  has(userId: string): boolean;
}

export interface CacheKeyring {
  readonly file: string;
  exists(): boolean;
  /** A new random data key, written sealed by the store before anything is encrypted with it. */
  create(): Buffer;
  /** The data key through the OS store; KeyStoreSealError when the store cannot open it. */
  openWithStore(): Buffer;
  /** The password wraps of `dataKey`. */
  passwordKeys(dataKey: Buffer): CachePasswordKeys;
}

export function cacheKeyring(opts: {
  file: string;
  store: KeyStore;
  passwordKdf?: ScryptParams;
}): CacheKeyring {
  const { file, store } = opts;
  const kdf = opts.passwordKdf ?? DEFAULT_SCRYPT_PARAMS;
  const read = (): KeysFile => {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new KeyStoreSealError(`keys file ${file} is unreadable: ${String(err)}`);
    }
    const parsed = KeysFile.safeParse(json);
    if (!parsed.success) throw new KeyStoreSealError(`keys file ${file} is malformed`);
    return parsed.data;
  };
  const write = (keys: KeysFile) => writeFileAtomic(file, JSON.stringify(keys, null, 1));
  const b64 = (b: Buffer) => b.toString('base64');

  return {
    file,
    exists: () => existsSync(file),
    create() {
      const dataKey = randomBytes(CACHE_KEY_BYTES);
      const sealed = store.seal(dataKey);
      write({ version: 1, store: { kind: store.kind, sealed: b64(sealed) }, users: {} });
      return dataKey;
    },
    openWithStore() {
      const keys = read();
      if (keys.store.kind !== store.kind)
        throw new KeyStoreSealError(`keys file sealed by ${keys.store.kind}, not ${store.kind}`);
      const dataKey = store.open(Buffer.from(keys.store.sealed, 'base64'));
      if (dataKey.length !== CACHE_KEY_BYTES)
        throw new KeyStoreSealError(`${store.kind} returned a key of ${dataKey.length} bytes`);
      return dataKey;
    },
    passwordKeys(dataKey) {
      return {
        has: (userId) => read().users[userId] !== undefined,
        async enroll(userId, password) {
          const salt = randomBytes(16);
          const kek = await deriveKey(password, salt, kdf);
          const wrapped = sealBox(kek, dataKey, passwordAad(userId));
          const keys = read();
          keys.users[userId] = { salt: b64(salt), kdf, wrapped: b64(wrapped) };
          write(keys);
        },
        async unlock(userId, password) {
          const wrap = read().users[userId];
          if (!wrap) return false;
          const kek = await deriveKey(password, Buffer.from(wrap.salt, 'base64'), wrap.kdf);
          const key = openBox(kek, Buffer.from(wrap.wrapped, 'base64'), passwordAad(userId));
          // A wrap of an older data key (a cache since replaced) lets nobody in.
          return key !== null && key.length === dataKey.length && timingSafeEqual(key, dataKey);
        },
      };
    },
  };
}
