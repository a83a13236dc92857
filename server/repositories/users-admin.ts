/**
 * The admin's writes on accounts (docs/decisions/0033): the member record a user is made from, the
 * account with its grants as the tier rule reads it, role changes with their history.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { MemberLookupRecord, MemberLookupRequest } from '../../src/api/users-admin';
import type { UserDetail, UserHistoryEntry } from '../../src/api/users';
import type { PathGrant } from '../../src/domain/people/admin-tiers';
import type { Role, RoleGrant } from '../../src/domain/people/user';
import { searchTokens } from '../../src/domain/text/fold';
import type { Db, Trx } from './db';
import { nextRev } from './revisions';
import { pathInSubtrees } from './scope-sql';
import { orgNamesOf } from './transfers';
import { findUserInSubtrees, grantRole, revokeRole } from './users';

const foldedName = (name: string) => searchTokens(name).join(' ');

/**
 * The member record with this citizen id, birth date and name (case and tone marks aside) whose
 * cell lies in one of the subtrees; null when none, so the lookup tells nothing outside them.
 */
export async function lookupMemberInSubtrees(
  db: Db,
  subtreePaths: readonly string[],
  q: MemberLookupRequest,
): Promise<MemberLookupRecord | null> {
  const rows = await db
    .selectFrom('members as m')
    .innerJoin('orgs as o', 'o.id', 'm.home_org_id')
    .select([
      'm.id',
      'm.full_name',
      'm.citizen_id',
      'm.birth_date',
      'm.home_org_id',
      'm.phone',
      'm.email',
    ])
    .where('m.citizen_id', '=', q.citizenId)
    .where('m.birth_date', '=', q.birthDate)
    .where('m.deleted', '=', 0)
    .where(pathInSubtrees(sql.ref('o.path'), subtreePaths))
    .execute();
  const wanted = foldedName(q.fullName);
  const row = rows.find((r) => foldedName(r.full_name) === wanted);
  if (!row) return null;
  const names = await orgNamesOf(db, [row.home_org_id]);
  return {
    memberId: row.id,
    fullName: row.full_name,
    citizenId: row.citizen_id,
    birthDate: row.birth_date,
    homeOrgId: row.home_org_id,
    homeOrgName: names.get(row.home_org_id) ?? '',
    phone: row.phone,
    email: row.email,
  };
}

/** An account as the tier rule reads it: its org's path and its live grants with their paths. */
export interface ManagedAccount {
  detail: UserDetail;
  orgPath: string;
  grants: PathGrant[];
}

export async function managedAccount(
  db: Db,
  subtreePaths: readonly string[],
  id: string,
): Promise<ManagedAccount | null> {
  const detail = await findUserInSubtrees(db, subtreePaths, id);
  if (!detail) return null;
  const org = await db
    .selectFrom('orgs')
    .select('path')
    .where('id', '=', detail.orgId)
    .executeTakeFirstOrThrow();
  const grants = await db
    .selectFrom('user_roles as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select(['r.role', 'o.path'])
    .where('r.user_id', '=', id)
    .where('r.deleted', '=', 0)
    .execute();
  return {
    detail,
    orgPath: org.path,
    grants: grants.map((g) => ({ role: g.role as Role, orgPath: g.path })),
  };
}

/** One history entry `{ field: [before, after] }` (secrets already masked by the caller). */
export async function recordUserHistory(
  trx: Trx,
  userId: string,
  changedBy: string,
  changes: UserHistoryEntry['changes'],
  now: Date,
): Promise<void> {
  await trx
    .insertInto('user_history')
    .values({
      id: randomUUID(),
      user_id: userId,
      changed_by: changedBy,
      changed_at: now.toISOString(),
      changes: JSON.stringify(changes),
    })
    .execute();
}

/** The account was changed by `changedBy`: the list's "Người cập nhật", and a new rev to sync. */
async function touchUser(trx: Trx, userId: string, changedBy: string, now: Date): Promise<void> {
  await trx
    .updateTable('users')
    .set({ updated_by: changedBy, updated_at: now.toISOString(), rev: await nextRev(trx) })
    .where('id', '=', userId)
    .execute();
}

const sameGrant = (a: RoleGrant, b: RoleGrant) => a.role === b.role && a.orgId === b.orgId;

/**
 * Grants or withdraws one role, with a history entry `roles: [before, after]`; false when the
 * account already was so (nothing written).
 */
export async function changeRoleGrant(
  trx: Trx,
  account: UserDetail,
  change: { op: 'grant' | 'revoke'; grant: RoleGrant },
  changedBy: string,
  now: Date,
): Promise<boolean> {
  const before = account.roles;
  const held = before.some((g) => sameGrant(g, change.grant));
  if (change.op === 'grant' ? held : !held) return false;
  if (change.op === 'grant') await grantRole(trx, account.id, change.grant, now);
  else await revokeRole(trx, account.id, change.grant, now);
  const after =
    change.op === 'grant'
      ? [...before, change.grant]
      : before.filter((g) => !sameGrant(g, change.grant));
  await touchUser(trx, account.id, changedBy, now);
  await recordUserHistory(trx, account.id, changedBy, { roles: [before, after] }, now);
  return true;
}
