import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../../src/db/server-schema';

/**
 * The demo ward's cells (the ward of the demo accounts: bithu.phuong's org) with a user who
 * approves for each (its approver, else the ward's fee officer).
 */
export async function demoFeeCells(db: Kysely<ServerDatabase>) {
  const ward = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select(['o.id', 'o.path', 'u.id as user_id'])
    .where('u.username', '=', 'ketoan.phuong')
    .where('r.deleted', '=', 0)
    .executeTakeFirst();
  if (!ward) return [];
  const cells = await db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('parent_id', '=', ward.id)
    .where('type', 'in', ['grassroots_cell', 'affiliated_cell'])
    .where('deleted', '=', 0)
    .orderBy('code')
    .execute();
  const approvers = await db
    .selectFrom('user_roles')
    .select(['org_id', 'user_id'])
    .where('role', '=', 'approver')
    .where('org_id', 'in', cells.length > 0 ? cells.map((c) => c.id) : [''])
    .execute();
  return cells.map((c) => ({
    id: c.id,
    path: c.path,
    approverUserId: approvers.find((a) => a.org_id === c.id)?.user_id ?? ward.user_id,
  }));
}
