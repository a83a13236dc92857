import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { serverMigrations } from '../../migrations/server/index';
import { freshServerDatabase, serverEngines } from '../../scripts/test-support/databases';
import { migrateToLatest } from './migrate';
import type { ServerDbConfig } from './server-db';
import { kyselyOnSqlite, openSqliteFile } from './sqlite';

const NAME = '0007_username_key';

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

/** Accounts of the previous version, two of them differing only in case. */
async function seedOldRows(db: Kysely<unknown>): Promise<void> {
  const at = (day: number) => `2026-01-0${day}T08:00:00.000Z`;
  await sql`insert into orgs (id, code, name, name_folded, parent_id, path, depth, type,
    allocation_direction, has_seal, status, rev, updated_at)
    values ('o1', '01', 'Đảng bộ A', 'dang bo a', null, '/o1/', 0, 'superior_committee',
    'top_down', 1, 'active', 1, ${at(1)})`.execute(db);
  const users = [
    ['u1', 'QuanTri.Phuong', 1],
    ['u2', 'quantri.phuong', 2],
    ['u3', 'Bithu.TDP1', 3],
  ] as const;
  for (const [id, username, day] of users)
    await sql`insert into users (id, username, full_name, citizen_id, phone, org_id, status,
      password_hash, created_at, rev, updated_at)
      values (${id}, ${username}, 'A', '001080000001', '0900000000', 'o1', 'active', null,
      ${at(day)}, ${day + 1}, ${at(day)})`.execute(db);
}

describe.each(serverEngines)('server migration 0007 on %s', (engine) => {
  let db: Kysely<unknown>;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    const fresh = await freshServerDatabase(engine, inject('postgresUrl'));
    drop = fresh.drop;
    db = open(fresh.config);
  });
  afterEach(async () => {
    await db.destroy();
    await drop();
  });

  it('keeps accounts that differ only in case, reports them, and refuses new ones', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await migrateToLatest(db, before);
      await seedOldRows(db);
      expect(await migrateToLatest(db, serverMigrations)).toContain(NAME);
      const keys = await sql<{
        id: string;
        username: string;
        username_key: string;
      }>`select id, username, username_key from users order by id`.execute(db);
      expect(keys.rows).toEqual([
        { id: 'u1', username: 'QuanTri.Phuong', username_key: 'quantri.phuong' },
        { id: 'u2', username: 'quantri.phuong', username_key: 'quantri.phuong#u2' },
        { id: 'u3', username: 'Bithu.TDP1', username_key: 'bithu.tdp1' },
      ]);
      const folded = await sql<{
        search_folded: string;
      }>`select search_folded from users where id = 'u3'`.execute(db);
      expect(folded.rows).toEqual([{ search_folded: 'a bithu tdp1' }]);
      expect(warn).toHaveBeenCalledOnce();
      expect(String(warn.mock.calls[0]?.[0])).toContain(
        '"quantri.phuong" (u2) trùng với "QuanTri.Phuong" (u1)',
      );
      await expect(
        sql`insert into users (id, username, username_key, search_folded, full_name, citizen_id, phone, org_id,
          status, password_hash, created_at, rev, updated_at)
          values ('u4', 'BITHU.tdp1', 'bithu.tdp1', 'a bithu tdp1', 'A', '001080000001', '0900000000', 'o1',
          'active', null, '2026-01-09', 9, '2026-01-09')`.execute(db),
      ).rejects.toThrow();
    } finally {
      warn.mockRestore();
    }
  });
});
