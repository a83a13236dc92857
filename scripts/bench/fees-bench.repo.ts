import { sql, type Kysely, type Selectable } from 'kysely';
import type { FeeApprovalsTable } from '../../src/db/server-schema-fees';
import type { Db } from '../../server/repositories/db';

/** The demo ward (the org of the fee officer ketoan.phuong). */
export async function demoWard(db: Db) {
  return db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select(['o.id', 'o.path', 'u.id as userId'])
    .where('u.username', '=', 'ketoan.phuong')
    .executeTakeFirstOrThrow();
}

/** The tier's top org (the province committee, or the ward) and an active admin of it. */
export async function tierRootAdmin(db: Db) {
  return db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select(['o.id', 'o.path', 'u.username'])
    .where('r.role', '=', 'admin')
    .where('r.deleted', '=', 0)
    .where('u.status', '=', 'active')
    .orderBy('o.depth')
    .orderBy('u.username')
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

export type ApprovalRow = Selectable<FeeApprovalsTable>;

export const approvalRowsOf = (db: Db, month: string): Promise<ApprovalRow[]> =>
  db.selectFrom('fee_approvals').selectAll().where('month', '=', month).execute();

export async function deleteApprovals(db: Db, month: string): Promise<void> {
  await db.deleteFrom('fee_approvals').where('month', '=', month).execute();
}

/**
 * The baseline of the approval figure: the rows the bulk path wrote, inserted as they are in one
 * transaction, in primary-key order (SQLite's fastest) and multi-row statements of the bulk
 * path's size (1,000 rows).
 */
export async function rawApprovalInsert(db: Db, rows: readonly ApprovalRow[]): Promise<void> {
  const sorted = [...rows].sort((a, b) => (a.member_id < b.member_id ? -1 : 1));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < sorted.length; i += 1000)
      await trx
        .insertInto('fee_approvals')
        .values(sorted.slice(i, i + 1000))
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

/** The tables the approval path reads, copied from the tier's SQLite file to another database. */
const APPROVAL_TABLES = ['orgs', 'members', 'users', 'user_roles', 'fee_profiles'] as const;

/**
 * Copies the tables the approval path reads into an empty PostgreSQL database, in one transaction
 * with foreign-key triggers off (the rows are consistent already), then refreshes the planner's
 * statistics as a loaded production database would have them.
 */
export async function copyApprovalTables(from: Db, to: Db): Promise<void> {
  type Loose = Kysely<Record<string, Record<string, unknown>>>;
  await (to as unknown as Loose).transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    for (const table of APPROVAL_TABLES) {
      let after = 0;
      for (;;) {
        const { rows } = await sql<Record<string, unknown> & { _rowid: number }>`
          select rowid as _rowid, * from ${sql.table(table)}
          where rowid > ${after} order by rowid limit 20000`.execute(from);
        const last = rows.at(-1);
        if (!last) break;
        after = last._rowid;
        const values = rows.map(({ _rowid, ...row }) => row);
        const per = Math.floor(30_000 / Object.keys(values[0] ?? {}).length);
        for (let i = 0; i < values.length; i += per)
          await trx
            .insertInto(table)
            .values(values.slice(i, i + per))
            .execute();
      }
    }
  });
  await sql`analyze`.execute(to);
}
