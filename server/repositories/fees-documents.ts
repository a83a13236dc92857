import { sql } from 'kysely';
import type { Db } from './db';

export interface ReceiptRecord {
  orgId: string;
  year: number;
  seq: number;
  issuedAt: string;
  printCount: number;
}

/**
 * The receipt of a payment, numbered on first print with the next number of the org and year, and
 * counted on every print. Two first prints at once race for a number: the unique index refuses
 * the loser, which tries again.
 */
export async function issueReceipt(
  db: Db,
  paymentId: string,
  orgId: string,
  now: Date,
): Promise<ReceiptRecord> {
  const year = now.getUTCFullYear();
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const existing = await trx
          .updateTable('fee_receipts')
          .set({ print_count: sql`print_count + 1` })
          .where('payment_id', '=', paymentId)
          .returningAll()
          .executeTakeFirst();
        const row =
          existing ??
          (await trx
            .insertInto('fee_receipts')
            .values((eb) => ({
              payment_id: paymentId,
              org_id: orgId,
              year,
              seq: eb
                .selectFrom('fee_receipts')
                .select(sql<number>`coalesce(max(seq), 0) + 1`.as('next'))
                .where('org_id', '=', orgId)
                .where('year', '=', year),
              issued_at: now.toISOString(),
              print_count: 1,
            }))
            .returningAll()
            .executeTakeFirstOrThrow());
        return {
          orgId: row.org_id,
          year: Number(row.year),
          seq: Number(row.seq),
          issuedAt: row.issued_at,
          printCount: Number(row.print_count),
        };
      });
    } catch (err) {
      if (attempt >= 4) throw err;
    }
  }
}

/** Names of members and orgs, for documents. */
export async function namesOf(db: Db, memberIds: readonly string[]): Promise<Map<string, string>> {
  if (memberIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('members')
    .select(['id', 'full_name'])
    .where('id', 'in', memberIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

export async function userName(db: Db, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('users')
    .select('full_name')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.full_name ?? null;
}

/** Approved and paid amounts of a cell's members in a year, by member and month. */
export async function ledgerAmounts(db: Db, cellId: string, year: number) {
  const from = `${year}-01`;
  const to = `${year}-12`;
  const [due, paid] = await Promise.all([
    db
      .selectFrom('fee_approvals')
      .select(['member_id', 'month', 'amount'])
      .where('cell_id', '=', cellId)
      .where('month', '>=', from)
      .where('month', '<=', to)
      .execute(),
    db
      .selectFrom('fee_payment_items as i')
      .innerJoin('fee_payments as p', 'p.id', 'i.payment_id')
      .select(['i.member_id', 'i.month', 'i.amount'])
      .where('p.cell_id', '=', cellId)
      .where('p.status', '=', 'success')
      .where('i.month', '>=', from)
      .where('i.month', '<=', to)
      .execute(),
  ]);
  const byMember = (rows: { member_id: string; month: string; amount: number | string }[]) => {
    const map = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const months = map.get(r.member_id) ?? new Map<string, number>();
      months.set(r.month, (months.get(r.month) ?? 0) + Number(r.amount));
      map.set(r.member_id, months);
    }
    return map;
  };
  return { due: byMember(due), paid: byMember(paid) };
}

/** The org owning a bank account (the collecting org of a payment). */
export async function accountOrgId(db: Db, accountId: string): Promise<string | null> {
  const row = await db
    .selectFrom('org_bank_accounts')
    .select('org_id')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row?.org_id ?? null;
}
