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

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export function feeCacheRepo(handle: SqliteHandle) {
  const pathOf = handle.prepare<[string], { path: string }>('select path from orgs where id = ?');
  const orgsUnder = handle.prepare<[string, string], CacheOrg>(
    `select o.id, o.code, o.name, o.type, o.path, o.depth, p.name as parentName
     from orgs o left join orgs p on p.id = o.parent_id
     where o.path >= ? and o.path < ? order by o.path`,
  );
  const accountsOf = handle.prepare<[string], CachedAccount>(
    `select id, org_id, account_no, holder, bank_name, citad_code, is_active
     from org_bank_accounts where org_id = ? order by is_active desc, account_no`,
  );
  const readCached = handle.prepare<[string], { payload: string; fetched_at: string }>(
    'select payload, fetched_at from fee_cache where key = ?',
  );
  const writeCached = handle.prepare<[string, string, string]>(
    `insert into fee_cache (key, payload, fetched_at) values (?, ?, ?)
     on conflict (key) do update set payload = excluded.payload, fetched_at = excluded.fetched_at`,
  );

  /** id → name for the ids found in `table` (absent ids are simply missing). */
  function names(table: 'members' | 'users' | 'orgs', ids: readonly string[]) {
    const unique = [...new Set(ids)];
    const found = new Map<string, string>();
    const column = table === 'orgs' ? 'name' : 'full_name';
    // SQLite's default limit of bound parameters is far above a chunk of 500.
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      const rows = handle
        .prepare<string[], { id: string; name: string }>(
          `select id, ${column} as name from ${table} where id in (${placeholders(chunk.length)})`,
        )
        .all(...chunk);
      for (const r of rows) found.set(r.id, r.name);
    }
    return found;
  }

  return {
    pathOf: (orgId: string): string | null => pathOf.get(orgId)?.path ?? null,
    /** The org at `path` and everything under it, parents first. */
    orgsUnder: (path: string): CacheOrg[] => orgsUnder.all(path, subtreeEnd(path)),
    accountsOf: (orgId: string): CachedAccount[] => accountsOf.all(orgId),
    memberNames: (ids: readonly string[]) => names('members', ids),
    userNames: (ids: readonly string[]) => names('users', ids),
    orgNames: (ids: readonly string[]) => names('orgs', ids),
    readAnswer(key: string): { payload: unknown; fetchedAt: string } | null {
      const row = readCached.get(key);
      return row
        ? { payload: JSON.parse(row.payload) as unknown, fetchedAt: row.fetched_at }
        : null;
    },
    saveAnswer(key: string, payload: unknown, fetchedAt: string): void {
      writeCached.run(key, JSON.stringify(payload), fetchedAt);
    },
  };
}
export type FeeCacheRepo = ReturnType<typeof feeCacheRepo>;
