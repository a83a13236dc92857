import { sql } from 'kysely';
import type { Db } from '../repositories/db';

/** The first active user (by username) holding `role` at an org of the given depth (0 = root). */
export async function userWithRoleAt(db: Db, role: string, depth: number): Promise<string> {
  const row = await db
    .selectFrom('user_roles as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('u.id')
    .where('r.role', '=', role)
    .where('o.depth', '=', depth)
    .where('u.status', '=', 'active')
    .where('r.deleted', '=', 0)
    .orderBy(sql`u.username`)
    .executeTakeFirstOrThrow();
  return row.id;
}
