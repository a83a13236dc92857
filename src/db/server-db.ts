import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { serverMigrations } from '../../migrations/server/index';
import { migrateToLatest } from './migrate';
import type { ServerDatabase } from './server-schema';
import { kyselyOnSqlite, openSqliteFile } from './sqlite';

export type ServerEngine = 'sqlite' | 'postgres';

export interface ServerDb {
  db: Kysely<ServerDatabase>;
  engine: ServerEngine;
  close(): Promise<void>;
}

export type ServerDbConfig = { sqliteFile: string } | { databaseUrl: string };

// bigint columns (rev) fit in a JS number for the lifetime of any deployment (2^53).
pg.types.setTypeParser(20, (v) => Number(v));

/** Opens (and migrates) the central database on SQLite or PostgreSQL. */
export async function openServerDb(config: ServerDbConfig): Promise<ServerDb> {
  let server: ServerDb;
  if ('databaseUrl' in config) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
    // An idle connection the server dropped (restart, terminated backend) is replaced on next
    // use; without a listener its 'error' event would crash the process.
    pool.on('error', (err) => console.warn(`postgres: idle connection lost: ${err.message}`));
    const db = new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool }) });
    server = { db, engine: 'postgres', close: () => db.destroy() };
  } else {
    const db = kyselyOnSqlite<ServerDatabase>(openSqliteFile(config.sqliteFile));
    server = { db, engine: 'sqlite', close: () => db.destroy() };
  }
  try {
    await migrateToLatest(server.db as Kysely<unknown>, serverMigrations);
  } catch (err) {
    await server.close();
    throw err;
  }
  return server;
}

/** The server config from the environment: DATABASE_URL selects PostgreSQL. */
export function serverDbConfigFromEnv(sqliteFile: string): ServerDbConfig {
  const url = process.env.DATABASE_URL;
  return url ? { databaseUrl: url } : { sqliteFile };
}
