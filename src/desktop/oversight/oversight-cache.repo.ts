import { prepareQuery, type Params } from '../../db/client-query';
import type { SqliteHandle } from '../../db/sqlite';

/** What oversight reads of the cache: where orgs sit, and an org's header for documents. */
export function oversightCacheRepo(handle: SqliteHandle) {
  const pathOf = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('orgs').select('path').where('id', '=', p.id),
  );
  const headerOf = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db
      .selectFrom('orgs as o')
      .leftJoin('orgs as parent', 'parent.id', 'o.parent_id')
      .select(['o.province', 'parent.name as parentName', 'parent.province as parentProvince'])
      .where('o.id', '=', p.id),
  );
  return {
    pathOf: (orgId: string): string | null => pathOf.get({ id: orgId })?.path ?? null,
    /** The superior's name and the place for a document's header ("Hà Nội, ngày …"). */
    headerOf: (orgId: string) => {
      const row = headerOf.get({ id: orgId });
      return {
        superiorOrgName: row?.parentName ?? undefined,
        place: row?.province ?? row?.parentProvince ?? '',
      };
    },
  };
}
