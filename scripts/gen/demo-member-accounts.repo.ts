import type { Db } from '../../server/repositories/db';
import { memberFromRow } from '../../server/repositories/members';
import type { Member } from '../../src/domain/people/member';
import { DEMO_MEMBER_SPARES, demoMemberUsername } from './demo-accounts';

/** Whether the database already holds account requests (the demo seeds them once). */
export async function holdsAccountRequests(db: Db): Promise<boolean> {
  const row = await db.selectFrom('account_requests').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Members of a cell who may register: active, with a phone and a number, no account linked or
 * holding their citizen id, no position, in name order.
 */
export async function registrationCandidates(db: Db, cellId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('members as m')
    .selectAll('m')
    .where('m.home_org_id', '=', cellId)
    .where('m.deleted', '=', 0)
    .where('m.status', '=', 'active')
    .where('m.positions', '=', '[]')
    .where('m.phone', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('users as u')
            .select('u.id')
            .where((w) =>
              w.or([
                w('u.member_id', '=', w.ref('m.id')),
                w('u.citizen_id', '=', w.ref('m.citizen_id')),
              ]),
            ),
        ),
      ),
    )
    .orderBy('m.sort_key')
    .orderBy('m.id')
    .execute();
  return rows.map(memberFromRow);
}

/** The spare member accounts journeys and `npm run demo:member` use: left alone here. */
const SPARES = new Set(
  DEMO_MEMBER_SPARES.flatMap((s) =>
    Array.from({ length: s.count }, (_, i) => demoMemberUsername(s.cell, i + 1)),
  ),
);

export interface AccountHolder {
  userId: string;
  username: string;
  fullName: string;
  memberId: string;
  homeOrgId: string;
  residenceOrgId: string | null;
}

/** Demo member accounts (not the spares) whose member is registered in one of the cells. */
export async function accountHolders(db: Db, cellIds: readonly string[]): Promise<AccountHolder[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('members as m', 'm.id', 'u.member_id')
    .select([
      'u.id',
      'u.username',
      'm.full_name',
      'm.id as member_id',
      'm.home_org_id',
      'm.residence_org_id',
    ])
    .where('u.username', 'like', 'dangvien%')
    .where('u.status', '=', 'active')
    .where('u.deleted', '=', 0)
    .where('m.deleted', '=', 0)
    .where('m.home_org_id', 'in', cellIds)
    .orderBy('u.username')
    .execute();
  return rows
    .filter((r) => !SPARES.has(r.username))
    .map((r) => ({
      userId: r.id,
      username: r.username,
      fullName: r.full_name,
      memberId: r.member_id,
      homeOrgId: r.home_org_id,
      residenceOrgId: r.residence_org_id,
    }));
}
