import type { Kysely } from 'kysely';
import { clientMigrations } from '../../migrations/client/index';
import type { ClientDatabase } from './client-schema';
import { migrateToLatest } from './migrate';
import { kyselyOnSqlite, openSqliteFile, type SqliteHandle } from './sqlite';

export interface ClientDb {
  db: Kysely<ClientDatabase>;
  /** The raw handle, for repositories that need prepared statements in tight loops (pull apply). */
  handle: SqliteHandle;
  close(): Promise<void>;
}

/** Opens (and migrates) the desktop cache. */
export async function openClientDb(file: string): Promise<ClientDb> {
  const handle = openSqliteFile(file);
  const db = kyselyOnSqlite<ClientDatabase>(handle);
  try {
    await migrateToLatest(db as Kysely<unknown>, clientMigrations);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, handle, close: () => db.destroy() };
}
