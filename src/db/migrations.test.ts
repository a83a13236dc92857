import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { freshServerDatabase, serverEngines } from '../../scripts/test-support/databases';
import { openClientDb } from './client-db';
import { DatabaseTooNewError } from './migrate';
import { openServerDb } from './server-db';

describe.each(serverEngines)('server migrations on %s', (engine) => {
  it('create the schema, keep one active bank account per org, and refuse a newer database', async () => {
    const fresh = await freshServerDatabase(engine, inject('postgresUrl'));
    const server = await openServerDb(fresh.config);
    const now = new Date().toISOString();
    await server.db
      .insertInto('orgs')
      .values({
        id: 'o1',
        code: '2256101',
        name: 'Đảng bộ Phường A',
        name_folded: 'dang bo phuong a',
        parent_id: null,
        path: '/o1/',
        depth: 0,
        type: 'superior_committee',
        cell_subtype: null,
        tax_code: null,
        email: null,
        phone: null,
        website: null,
        province: null,
        ward: null,
        address_detail: null,
        description: null,
        allocation_direction: 'top_down',
        has_seal: 1,
        status: 'active',
        rev: 1,
        updated_at: now,
      })
      .execute();
    const account = {
      org_id: 'o1',
      account_no: '0011',
      holder: 'X',
      bank_name: 'MB',
      citad_code: '01311001',
      is_active: 1,
      rev: 2,
      updated_at: now,
    };
    await server.db
      .insertInto('org_bank_accounts')
      .values({ id: 'b1', ...account })
      .execute();
    await expect(
      server.db
        .insertInto('org_bank_accounts')
        .values({ id: 'b2', ...account })
        .execute(),
    ).rejects.toThrow();
    await server.db
      .insertInto('org_bank_accounts')
      .values({ id: 'b3', ...account, is_active: 0 })
      .execute();
    const counter = await server.db
      .selectFrom('sync_counter')
      .select('value')
      .executeTakeFirstOrThrow();
    // The one rev handed out is the seeded 2026 holiday calendar's (0012), so caches pull it.
    expect(Number(counter.value)).toBe(1);
    const calendar = await server.db.selectFrom('holiday_years').select(['id', 'rev']).execute();
    expect(calendar.map((r) => [r.id, Number(r.rev)])).toEqual([['2026', 1]]);
    await sql`insert into kysely_migration (name, timestamp) values ('9999_future', 'x')`.execute(
      server.db,
    );
    await server.close();
    await expect(openServerDb(fresh.config)).rejects.toBeInstanceOf(DatabaseTooNewError);
    await fresh.drop();
  });
});

describe('client migrations', () => {
  it('create the cache with folded full-text search that deletes by rowid', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-')), 'cache.sqlite');
    const client = await openClientDb(file);
    client.handle
      .prepare('insert into members_fts(rowid, text) values (?, ?)')
      .run(7, 'nguyen van duc');
    const hit = client.handle
      .prepare("select rowid from members_fts where members_fts match 'nguy* duc*'")
      .all();
    expect(hit).toEqual([{ rowid: 7 }]);
    client.handle.prepare('delete from members_fts where rowid = ?').run(7);
    expect(
      client.handle
        .prepare("select count(*) n from members_fts where members_fts match 'duc'")
        .get(),
    ).toEqual({ n: 0 });
    await client.close();
    const again = await openClientDb(file);
    await again.close();
  });
});
