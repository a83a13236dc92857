import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';

export type SqliteHandle = Database.Database;

/** Opens a SQLite file the way both the server and the desktop cache want it. */
export function openSqliteFile(file: string): SqliteHandle {
  const handle = new Database(file);
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  return handle;
}

export function kyselyOnSqlite<DB>(handle: SqliteHandle): Kysely<DB> {
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
}
