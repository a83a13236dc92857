import { sql } from 'kysely';
import type { Db } from '../../server/repositories/db';

/** Cells of the tier, and the demo ward (the org of the fee officer ketoan.phuong). */
export async function benchCells(db: Db) {
  return db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('type', 'in', ['grassroots_cell', 'affiliated_cell'])
    .where('deleted', '=', 0)
    .where('status', '=', 'active')
    .orderBy('path')
    .execute();
}

export async function demoWard(db: Db) {
  return db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select(['o.id', 'o.path', 'u.id as userId'])
    .where('u.username', '=', 'ketoan.phuong')
    .executeTakeFirstOrThrow();
}

export const feeProfileCount = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('fee_profiles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The baseline of the approval figure: the same number of approval rows, inserted as they are. */
export async function rawApprovalInsert(
  db: Db,
  rows: readonly { memberId: string; cellId: string; amount: number }[],
  month: string,
  userId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('fee_approvals')
        .values(
          rows.slice(i, i + 500).map((r) => ({
            member_id: r.memberId,
            month,
            cell_id: r.cellId,
            computed_amount: r.amount,
            amount: r.amount,
            adjust_reason: null,
            rule_version: 'bench',
            approved_by: userId,
            approved_at: '2026-11-01T00:00:00.000Z',
          })),
        )
        .execute();
  });
}

/** The baseline of the ledger figure: the ward's approval rows of the year, selected raw. */
export async function rawWardSelect(db: Db, wardPath: string, year: number) {
  return sql<{ n: number }>`select a.member_id, a.month, a.amount from fee_approvals a
    join orgs c on c.id = a.cell_id
    where c.path >= ${wardPath} and c.path < ${`${wardPath.slice(0, -1)}0`}
      and a.month >= ${`${year}-01`} and a.month <= ${`${year}-12`}`.execute(db);
}
