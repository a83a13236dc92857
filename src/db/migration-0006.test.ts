import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { serverMigrations } from '../../migrations/server/index';
import { freshServerDatabase, serverEngines } from '../../scripts/test-support/databases';
import { migrateToLatest } from './migrate';
import type { ServerDbConfig } from './server-db';
import { kyselyOnSqlite, openSqliteFile } from './sqlite';

const NAME = '0006_login_and_blob_limits';

function open(config: ServerDbConfig): Kysely<unknown> {
  return 'databaseUrl' in config
    ? new Kysely({
        dialect: new PostgresDialect({
          pool: new pg.Pool({ connectionString: config.databaseUrl }),
        }),
      })
    : kyselyOnSqlite(openSqliteFile(config.sqliteFile));
}

const before = Object.fromEntries(Object.entries(serverMigrations).filter(([n]) => n < NAME));
const at = '2026-01-05T08:00:00.000Z';

/** A database written by the previous version: a user, a refresh token and two uploads. */
async function seedOldRows(db: Kysely<unknown>): Promise<void> {
  await sql`insert into orgs (id, code, name, name_folded, parent_id, path, depth, type,
    allocation_direction, has_seal, status, rev, updated_at)
    values ('o1', '01', 'Đảng bộ A', 'dang bo a', null, '/o1/', 0, 'superior_committee',
    'top_down', 1, 'active', 1, ${at})`.execute(db);
  await sql`insert into users (id, username, full_name, citizen_id, phone, org_id, status,
    password_hash, created_at, rev, updated_at)
    values ('u1', 'a', 'A', '001080000001', '0900000000', 'o1', 'active', null, ${at}, 2, ${at})`.execute(
    db,
  );
  await sql`insert into refresh_tokens (token_hash, user_id, expires_at, revoked_at, created_at)
    values ('h1', 'u1', '2026-02-04T08:00:00.000Z', null, ${at})`.execute(db);
  for (const [sha, by] of [
    ['a'.repeat(64), 'u1'],
    ['b'.repeat(64), 'u2'],
  ])
    await sql`insert into blobs (sha256, content_type, size, data, created_by, created_at)
      values (${sha}, 'application/pdf', 3, ${Buffer.from('pdf')}, ${by}, ${at})`.execute(db);
}

describe.each(serverEngines)('server migration 0006 on %s', (engine) => {
  it('keeps old refresh tokens ending when they did and records who uploaded each blob', async () => {
    const fresh = await freshServerDatabase(engine, inject('postgresUrl'));
    const db = open(fresh.config);
    try {
      await migrateToLatest(db, before);
      await seedOldRows(db);
      expect(await migrateToLatest(db, serverMigrations)).toContain(NAME);

      const tokens = await sql<{
        session_expires_at: string;
      }>`select session_expires_at from refresh_tokens`.execute(db);
      expect(tokens.rows).toEqual([{ session_expires_at: '2026-02-04T08:00:00.000Z' }]);
      const uploads = await sql<{
        sha256: string;
        user_id: string;
        uploaded_at: string;
      }>`select sha256, user_id, uploaded_at from blob_uploads order by sha256`.execute(db);
      expect(uploads.rows).toEqual([
        { sha256: 'a'.repeat(64), user_id: 'u1', uploaded_at: at },
        { sha256: 'b'.repeat(64), user_id: 'u2', uploaded_at: at },
      ]);
      // One row per blob and uploader; a blob that does not exist cannot be claimed.
      await expect(
        sql`insert into blob_uploads values (${'a'.repeat(64)}, 'u1', ${at})`.execute(db),
      ).rejects.toThrow();
      await expect(
        sql`insert into blob_uploads values (${'c'.repeat(64)}, 'u1', ${at})`.execute(db),
      ).rejects.toThrow();
    } finally {
      await db.destroy();
      await fresh.drop();
    }
  });
});
