import { sql } from 'kysely';
import type { TransferDestination } from '../../src/api/transfers';
import { searchTokens } from '../../src/domain/text/fold';
import type { Db } from './db';
import { containsWord, matchTierSql, startsWith } from './scope-sql';

const CELL_TYPES = ['grassroots_cell', 'affiliated_cell'];

/**
 * Active cells anywhere in the tree by code prefix or every word of the name: a member moves to
 * a cell outside his own branch, which his read scope does not hold (the tree is published).
 */
export async function transferDestinations(
  db: Db,
  q: string,
  limit = 20,
): Promise<TransferDestination[]> {
  const tokens = searchTokens(q);
  const code = q.trim().toLowerCase();
  let query = db
    .selectFrom('orgs as o')
    .leftJoin('orgs as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.code', 'o.name', 'p.name as parent_name'])
    .where('o.deleted', '=', 0)
    .where('o.status', '=', 'active')
    .where('o.type', 'in', CELL_TYPES)
    .where((eb) =>
      eb.or([
        startsWith(sql.ref('o.code'), code),
        ...(tokens.length > 0
          ? [eb.and(tokens.map((word) => containsWord(sql.ref('o.name_folded'), word)))]
          : []),
      ]),
    );
  if (tokens.length > 0) query = query.orderBy(matchTierSql(sql.ref('o.name_folded'), tokens));
  const rows = await query.orderBy('o.path').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, parentName: r.parent_name }));
}

/** The live member a transfer concerns: its id and home org. */
export async function memberById(
  db: Db,
  id: string,
): Promise<{ id: string; homeOrgId: string } | null> {
  const row = await db
    .selectFrom('members')
    .select(['id', 'home_org_id'])
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row ? { id: row.id, homeOrgId: row.home_org_id } : null;
}
