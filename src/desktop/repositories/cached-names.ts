import { jsonEach, prepareQuery, type Params } from '../../db/client-query';
import type { SqliteHandle } from '../../db/sqlite';

/** Names of cached users and orgs by id, for histories (an id not in the cache stays an id). */
export function cachedNames(handle: SqliteHandle) {
  const users = prepareQuery(handle, (db, p: Params<{ ids: string }>) =>
    db
      .selectFrom(jsonEach(p.ids, 'j'))
      .innerJoin('users as u', 'u.id', 'j.value')
      .select(['u.id', 'u.full_name as name']),
  );
  const orgs = prepareQuery(handle, (db, p: Params<{ ids: string }>) =>
    db
      .selectFrom(jsonEach(p.ids, 'j'))
      .innerJoin('orgs as o', 'o.id', 'j.value')
      .select(['o.id', 'o.name']),
  );
  const lookup = (query: typeof users, ids: readonly string[]) => {
    const found = new Map(
      query.all({ ids: JSON.stringify([...new Set(ids)]) }).map((r) => [r.id, r.name]),
    );
    return (id: string) => found.get(id) ?? id;
  };
  return {
    users: (ids: readonly string[]) => lookup(users, ids),
    orgs: (ids: readonly string[]) => lookup(orgs, ids),
  };
}
