import { jsonEach, prepareQuery, type Params } from '../../db/client-query';
import type { ClientBankAccountsTable } from '../../db/client-schema';
import type { SqliteHandle } from '../../db/sqlite';
import { subtreeEnd } from '../repositories/org-tree';

// What the fee screens read from the desktop cache: the cells and orgs under the user's roles,
// the names of members, users and orgs in server answers, the bank accounts, and the last answer
// of each fee query (fee_cache, 0003) so the screens open offline.

export interface CacheOrg {
  id: string;
  code: string;
  name: string;
  type: string;
  path: string;
  depth: number;
  parentName: string | null;
}

export type CachedAccount = Pick<
  ClientBankAccountsTable,
  'id' | 'org_id' | 'account_no' | 'holder' | 'bank_name' | 'citad_code' | 'is_active'
>;

export function feeCacheRepo(handle: SqliteHandle) {
  const pathOf = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('orgs').select('path').where('id', '=', p.id),
  );
  const orgsUnder = prepareQuery(handle, (db, p: Params<{ from: string; to: string }>) =>
    db
      .selectFrom('orgs as o')
      .leftJoin('orgs as p', 'p.id', 'o.parent_id')
      .select(['o.id', 'o.code', 'o.name', 'o.type', 'o.path', 'o.depth', 'p.name as parentName'])
      .where('o.path', '>=', p.from)
      .where('o.path', '<', p.to)
      .orderBy('o.path'),
  );
  const accountsOf = prepareQuery(handle, (db, p: Params<{ orgId: string }>) =>
    db
      .selectFrom('org_bank_accounts')
      .select(['id', 'org_id', 'account_no', 'holder', 'bank_name', 'citad_code', 'is_active'])
      .where('org_id', '=', p.orgId)
      .orderBy('is_active', 'desc')
      .orderBy('account_no'),
  );
  const readCached = prepareQuery(handle, (db, p: Params<{ key: string }>) =>
    db.selectFrom('fee_cache').select(['payload', 'fetched_at']).where('key', '=', p.key),
  );
  const writeCached = prepareQuery(
    handle,
    (db, p: Params<{ key: string; payload: string; fetchedAt: string }>) =>
      db
        .insertInto('fee_cache')
        .values({ key: p.key, payload: p.payload, fetched_at: p.fetchedAt })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            payload: eb.ref('excluded.payload'),
            fetched_at: eb.ref('excluded.fetched_at'),
          })),
        ),
  );
  // A JSON array of ids is one parameter, however many ids: one statement per table, kept.
  const nameQueries = {
    members: prepareQuery(handle, (db, p: Params<{ ids: string }>) =>
      db
        .selectFrom(jsonEach(p.ids, 'j'))
        .innerJoin('members as t', 't.id', 'j.value')
        .select(['t.id', 't.full_name as name']),
    ),
    users: prepareQuery(handle, (db, p: Params<{ ids: string }>) =>
      db
        .selectFrom(jsonEach(p.ids, 'j'))
        .innerJoin('users as t', 't.id', 'j.value')
        .select(['t.id', 't.full_name as name']),
    ),
    orgs: prepareQuery(handle, (db, p: Params<{ ids: string }>) =>
      db
        .selectFrom(jsonEach(p.ids, 'j'))
        .innerJoin('orgs as t', 't.id', 'j.value')
        .select(['t.id', 't.name']),
    ),
  };

  /** id → name for the ids found in `table` (absent ids are simply missing). */
  function names(table: keyof typeof nameQueries, ids: readonly string[]) {
    const found = new Map<string, string>();
    if (ids.length === 0) return found;
    for (const r of nameQueries[table].all({ ids: JSON.stringify([...new Set(ids)]) }))
      found.set(r.id, r.name);
    return found;
  }

  return {
    pathOf: (orgId: string): string | null => pathOf.get({ id: orgId })?.path ?? null,
    /** The org at `path` and everything under it, parents first. */
    orgsUnder: (path: string): CacheOrg[] => orgsUnder.all({ from: path, to: subtreeEnd(path) }),
    accountsOf: (orgId: string): CachedAccount[] => accountsOf.all({ orgId }),
    memberNames: (ids: readonly string[]) => names('members', ids),
    userNames: (ids: readonly string[]) => names('users', ids),
    orgNames: (ids: readonly string[]) => names('orgs', ids),
    readAnswer(key: string): { payload: unknown; fetchedAt: string } | null {
      const row = readCached.get({ key });
      return row
        ? { payload: JSON.parse(row.payload) as unknown, fetchedAt: row.fetched_at }
        : null;
    },
    saveAnswer(key: string, payload: unknown, fetchedAt: string): void {
      writeCached.run({ key, payload: JSON.stringify(payload), fetchedAt });
    },
  };
}
export type FeeCacheRepo = ReturnType<typeof feeCacheRepo>;
