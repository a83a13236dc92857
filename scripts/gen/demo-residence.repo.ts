import type { Db } from '../../server/repositories/db';

/**
 * A member the demo's residence list may name: registered in the workplace cell, living in a
 * residential cell directly under the ward that has a secretary or processor to write his form.
 * Members with a member account come first, so they can report through `npm run demo:member`.
 */
export interface ResidenceCandidate {
  memberId: string;
  fullName: string;
  residenceOrgId: string;
  /** The member's own account, if he has one. */
  username: string | null;
}

export async function residenceCandidates(
  db: Db,
  workplaceId: string,
  wardId: string,
): Promise<ResidenceCandidate[]> {
  const rows = await db
    .selectFrom('members as m')
    .innerJoin('orgs as r', 'r.id', 'm.residence_org_id')
    .leftJoin('users as u', (j) => j.onRef('u.member_id', '=', 'm.id').on('u.deleted', '=', 0))
    .select(['m.id', 'm.full_name', 'm.residence_org_id', 'u.username', 'm.sort_key'])
    .where('m.home_org_id', '=', workplaceId)
    .where('m.deleted', '=', 0)
    .where('m.status', '=', 'active')
    .where('r.parent_id', '=', wardId)
    .where('r.status', '=', 'active')
    .where('r.deleted', '=', 0)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles as g')
          .innerJoin('users as s', 's.id', 'g.user_id')
          .select('g.id')
          .whereRef('g.org_id', '=', 'r.id')
          .where('g.role', 'in', ['approver', 'processor'])
          .where('g.deleted', '=', 0)
          .where('s.status', '=', 'active'),
      ),
    )
    .orderBy('m.sort_key')
    .orderBy('m.id')
    .execute();
  const withAccount = (r: (typeof rows)[number]) => (r.username?.startsWith('dangvien') ? 0 : 1);
  return [...rows]
    .sort(
      (a, b) =>
        withAccount(a) - withAccount(b) || (a.username ?? '').localeCompare(b.username ?? ''),
    )
    .map((r) => ({
      memberId: r.id,
      fullName: r.full_name,
      residenceOrgId: r.residence_org_id!,
      username: r.username?.startsWith('dangvien') ? r.username : null,
    }));
}

/** Whether the database already holds residence lists (the demo seeds them once). */
export async function holdsResidenceLists(db: Db): Promise<boolean> {
  const row = await db.selectFrom('residence_requests').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
