import type { Kysely } from 'kysely';
import { clientMigrations } from '../../migrations/client/index';
import type { ClientDatabase } from './client-schema';
import { migrateToLatest } from './migrate';
import { encryptPlainSqliteFile, isPlainSqliteFile, openCipherSqlite } from './sqlcipher';
import { kyselyOnSqlite, type SqliteHandle } from './sqlite';

export interface ClientDb {
  db: Kysely<ClientDatabase>;
  /** The raw handle, for repositories that need prepared statements in tight loops (pull apply). */
  handle: SqliteHandle;
  close(): Promise<void>;
}

export interface OpenClientDbOptions {
  /**
   * The cache's 256-bit data key (src/desktop/cache-keys.ts). The app always passes one; a plain
   * cache found under it is encrypted first. Without it the file is plain SQLite: unit tests and
   * the benchmark's baseline only.
   */
  key?: Buffer;
}

/** Opens (and migrates) the desktop cache. */
export async function openClientDb(
  file: string,
  options: OpenClientDbOptions = {},
): Promise<ClientDb> {
  if (options.key && isPlainSqliteFile(file)) encryptPlainSqliteFile(file, options.key);
  const handle = openCipherSqlite(file, options.key);
  const db = kyselyOnSqlite<ClientDatabase>(handle);
  try {
    await migrateToLatest(db as Kysely<unknown>, clientMigrations);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, handle, close: () => db.destroy() };
}
