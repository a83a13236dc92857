import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { openClientDb, type ClientDb } from './client-db';
import { prepareColumnQuery, prepareQuery, type Params } from './client-query';
import { CLIENT_COLUMNS } from './client-schema';

let cache: ClientDb;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'client-schema-'));
  cache = await openClientDb(join(dir, 'cache.sqlite'));
});
afterAll(async () => {
  await cache.close();
  rmSync(dir, { recursive: true, force: true });
});

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

/** The columns of a migrated table, declared as CLIENT_COLUMNS writes them. */
function declaredColumns(table: string): Record<string, string> {
  const columns = cache.handle.prepare<[], ColumnInfo>(`pragma table_info("${table}")`).all();
  // A primary key is never null in this cache (text keys are always given, seq is the rowid).
  return Object.fromEntries(
    columns.map((c) => [
      c.name,
      `${c.type.toLowerCase()}${c.notnull === 0 && c.pk === 0 ? ' null' : ''}`,
    ]),
  );
}

describe('the client schema', () => {
  it('lists every table the migrations create (besides full-text indexes and bookkeeping)', () => {
    const tables = cache.handle
      .prepare<[], string>(
        `select name from sqlite_master where type = 'table'
         and name not like 'sqlite_%' and name not like 'kysely_%' and name not like '%_fts%'
         order by name`,
      )
      .pluck()
      .all();
    expect(tables).toEqual(Object.keys(CLIENT_COLUMNS).sort());
  });

  it.each(Object.keys(CLIENT_COLUMNS))('declares the columns of %s as migrated', (table) => {
    expect(declaredColumns(table)).toEqual(CLIENT_COLUMNS[table as keyof typeof CLIENT_COLUMNS]);
  });
});

describe('typed statements', () => {
  it('bind named parameters at each call, once prepared', () => {
    const set = prepareQuery(cache.handle, (db, p: Params<{ key: string; value: string }>) =>
      db
        .insertInto('sync_state')
        .values({ key: p.key, value: p.value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: p.value })),
    );
    const get = prepareQuery(cache.handle, (db, p: Params<{ key: string }>) =>
      db.selectFrom('sync_state').select(['key', 'value']).where('key', '=', p.key),
    );
    set.run({ key: 'a', value: '1' });
    set.run({ key: 'b', value: '2' });
    set.run({ key: 'a', value: '3' });
    expect(get.get({ key: 'a' })).toEqual({ key: 'a', value: '3' });
    expect(get.get({ key: 'b' })).toEqual({ key: 'b', value: '2' });
    expect(get.get({ key: 'c' })).toBeUndefined();
  });

  it('keep literal values of the query beside the parameters, in order', () => {
    const count = prepareColumnQuery(cache.handle, (db, p: Params<{ from: string }>) =>
      db
        .selectFrom('sync_state')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('key', '>=', p.from)
        .where('key', '<', 'b'),
    );
    expect(count.get({ from: 'a' })).toBe(1);
    expect(count.get({ from: 'b' })).toBe(0);
  });

  it('are typed by the schema (checked by tsc: a renamed column fails to compile)', () => {
    const ref = prepareQuery(cache.handle, (db, p: Params<{ id: string }>) =>
      db.selectFrom('orgs').select(['id', 'has_seal', 'parent_id']).where('id', '=', p.id),
    );
    expectTypeOf(ref.get).parameter(0).toEqualTypeOf<{ id: string }>();
    expectTypeOf(ref.get).returns.toEqualTypeOf<
      { id: string; has_seal: number; parent_id: string | null } | undefined
    >();
    // Never called: SQLite would refuse these too, the point is that tsc refuses them first.
    const _refused = () => [
      // @ts-expect-error: orgs has no column `nme`
      prepareQuery(cache.handle, (db) => db.selectFrom('orgs').select('nme')),
      prepareQuery(cache.handle, (db) =>
        // @ts-expect-error: `depth` is a number
        db.selectFrom('orgs').selectAll().where('depth', '=', 'x'),
      ),
    ];
    expect(ref.get({ id: 'none' })).toBeUndefined();
  });

  it('take no argument when the query has no parameters', () => {
    const keys = prepareColumnQuery(cache.handle, (db) =>
      db.selectFrom('sync_state').select('key').orderBy('key'),
    );
    expect(keys.all()).toEqual(['a', 'b']);
  });
});
