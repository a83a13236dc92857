import type { Db } from './db';

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
