import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { SqliteHandle } from './sqlite';

/**
 * The desktop cache's SQLite engine: SQLite3MultipleCiphers in SQLCipher 4 format, keyed with a
 * raw 256-bit key (no passphrase KDF: the key is random, see docs/decisions/0018). The server keeps
 * plain better-sqlite3; the ciphers build is a fork with the same API, hence one handle type.
 */
export const CACHE_KEY_BYTES = 32;

/** Thrown when the key does not open the file (or the file is not a database at all). */
export class CacheKeyMismatchError extends Error {
  constructor(file: string) {
    super(`the cache key does not open ${file} (wrong key, or not an encrypted cache)`);
    this.name = 'CacheKeyMismatchError';
  }
}

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file starts with SQLite's clear-text header: an unencrypted database. */
export function isPlainSqliteFile(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(PLAIN_HEADER);
  } finally {
    closeSync(fd);
  }
}

function rawKeyLiteral(key: Buffer): string {
  if (key.length !== CACHE_KEY_BYTES) throw new Error(`cache key must be ${CACHE_KEY_BYTES} bytes`);
  return `"x'${key.toString('hex')}'"`;
}

function applyCipher(handle: Database.Database, pragma: 'key' | 'rekey', key: Buffer): void {
  handle.pragma(`cipher='sqlcipher'`);
  handle.pragma('legacy=4');
  handle.pragma(`${pragma}=${rawKeyLiteral(key)}`);
}

/** Opens with the ciphers build; with a key, the first read proves the key or throws. */
export function openCipherSqlite(file: string, key?: Buffer): SqliteHandle {
  const handle = new Database(file);
  if (key) {
    applyCipher(handle, 'key', key);
    try {
      handle.prepare('select count(*) from sqlite_master').get();
    } catch (err) {
      handle.close();
      if ((err as { code?: string }).code === 'SQLITE_NOTADB')
        throw new CacheKeyMismatchError(file);
      throw err;
    }
  }
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  // Same API, separate type declarations: the fork's handle is the handle our repositories take.
  return handle as unknown as SqliteHandle;
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const tableCounts = (handle: Database.Database): Map<string, number> => {
  const names = handle
    .prepare<[], string>("select name from sqlite_master where type = 'table' order by name")
    .pluck()
    .all();
  return new Map(
    names.map((name) => [
      name,
      handle.prepare<[], number>(`select count(*) from "${name}"`).pluck().get() ?? 0,
    ]),
  );
};

/** The leftovers of an interrupted encryption (see encryptPlainSqliteFile). */
export const encryptingFile = (file: string) => `${file}.encrypting`;

/**
 * Replaces a plain SQLite file by an encrypted copy, atomically: the copy is written beside it
 * (`VACUUM INTO`, so free pages holding old rows are not carried over), encrypted in place with
 * `rekey`, fsynced and verified (integrity and the row count of every table) before a rename puts
 * it over the plain file. A crash before the rename leaves the plain file whole and a partial
 * copy that the next run removes and redoes; after it, the file is encrypted.
 */
export function encryptPlainSqliteFile(file: string, key: Buffer): void {
  const target = encryptingFile(file);
  for (const leftover of [target, `${target}-journal`, `${target}-wal`, `${target}-shm`])
    rmSync(leftover, { force: true });

  const plain = new Database(file);
  let expected: Map<string, number>;
  try {
    // Fold any WAL into the file and leave WAL mode: no plain -wal may outlive the rename.
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('journal_mode = DELETE');
    expected = tableCounts(plain);
    plain.prepare('VACUUM INTO ?').run(target);
  } finally {
    plain.close();
  }

  const copy = new Database(target);
  try {
    applyCipher(copy, 'rekey', key);
  } finally {
    copy.close();
  }
  fsyncPath(target);

  const check = new Database(target);
  try {
    applyCipher(check, 'key', key);
    const integrity = check.pragma('quick_check', { simple: true });
    const actual = tableCounts(check);
    const same =
      actual.size === expected.size && [...expected].every(([t, n]) => actual.get(t) === n);
    if (integrity !== 'ok' || !same)
      throw new Error(`encrypted copy of ${file} does not match the plain cache; plain file kept`);
  } finally {
    check.close();
  }
  if (isPlainSqliteFile(target)) throw new Error(`encrypted copy of ${file} is still plain`);

  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  renameSync(target, file);
  fsyncDirectory(dirname(file));
}

/** Makes a rename durable; Windows cannot open a directory for fsync (NTFS journals renames). */
function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  fsyncPath(dir);
}
