import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { PaymentStatus } from '../../src/api/fees';
import type { FeePaymentsTable } from '../../src/db/server-schema-fees';
import type { BankAccount } from '../../src/domain/org/org';
import { pathIds } from '../scope/scope';
import type { Db, Trx } from './db';
import { bankAccountFromRow } from './orgs';
import { pathInSubtrees } from './scope-sql';
import { sql } from 'kysely';

export interface PaymentRecord {
  id: string;
  reference: string;
  cellId: string;
  payerUserId: string;
  kind: 'self' | 'cell';
  bankAccountId: string;
  amount: number;
  status: PaymentStatus;
  gatewayTxnId: string | null;
  bankReference: string | null;
  createdAt: string;
  settledAt: string | null;
  settledVia: string | null;
  settledBy: string | null;
  /** The gateway's answer code of a failure (migration 0009). */
  failureCode: string | null;
  /** 'gateway' or 'statement' (a VietQR transfer matched on an imported bank statement). */
  channel: 'gateway' | 'statement';
  items: { memberId: string; month: string; amount: number }[];
}

type PaymentRow = Selectable<FeePaymentsTable>;

const fromRow = (row: PaymentRow, items: PaymentRecord['items']): PaymentRecord => ({
  id: row.id,
  reference: row.reference,
  cellId: row.cell_id,
  payerUserId: row.payer_user_id,
  kind: row.kind as PaymentRecord['kind'],
  bankAccountId: row.bank_account_id,
  amount: Number(row.amount),
  status: row.status as PaymentStatus,
  gatewayTxnId: row.gateway_txn_id,
  bankReference: row.bank_reference,
  createdAt: row.created_at,
  settledAt: row.settled_at,
  settledVia: row.settled_via,
  settledBy: row.settled_by,
  failureCode: row.failure_code,
  channel: row.channel === 'statement' ? 'statement' : 'gateway',
  items,
});

async function withItems(db: Db, rows: PaymentRow[]): Promise<PaymentRecord[]> {
  if (rows.length === 0) return [];
  const items = await db
    .selectFrom('fee_payment_items')
    .selectAll()
    .where(
      'payment_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('member_id')
    .orderBy('month')
    .execute();
  const byPayment = new Map<string, PaymentRecord['items']>();
  for (const i of items) {
    const list = byPayment.get(i.payment_id) ?? [];
    list.push({ memberId: i.member_id, month: i.month, amount: Number(i.amount) });
    byPayment.set(i.payment_id, list);
  }
  return rows.map((r) => fromRow(r, byPayment.get(r.id) ?? []));
}

/** The active account payments of an org go to: its own, else the nearest ancestor's. */
export async function collectingAccount(db: Db, orgPath: string): Promise<BankAccount | null> {
  const ids = pathIds(orgPath);
  const rows = await db
    .selectFrom('org_bank_accounts')
    .selectAll()
    .where('org_id', 'in', ids)
    .where('is_active', '=', 1)
    .where('deleted', '=', 0)
    .execute();
  const nearest = rows.sort((a, b) => ids.indexOf(b.org_id) - ids.indexOf(a.org_id))[0];
  return nearest ? bankAccountFromRow(nearest) : null;
}

export type NewPayment = Omit<
  PaymentRecord,
  | 'status'
  | 'settledAt'
  | 'settledVia'
  | 'settledBy'
  | 'bankReference'
  | 'gatewayTxnId'
  | 'failureCode'
  | 'channel'
>;

/** A member's month another payment holds (unknown or successful), found when one is refused. */
export interface HeldMonth {
  memberId: string;
  month: string;
  status: 'unknown' | 'success';
}

/** True for a unique-index violation on either engine (PostgreSQL 23505, SQLite's code). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Records an unknown gateway payment and its items in one transaction. Each item holds its
 * member's month (partial unique index of 0004): when another unknown or successful payment
 * holds one already — also one started a moment ago by someone else — nothing is written and
 * the held month comes back.
 */
export async function insertPayment(
  db: Db,
  p: NewPayment,
  settled?: { status: 'success'; via: 'statement'; by: string; bankReference: string },
): Promise<{ ok: true } | { ok: false; held: HeldMonth }> {
  try {
    await (db.isTransaction ? run(db as Trx) : db.transaction().execute(run));
    return { ok: true };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const held = await heldMonths(db, p.items);
    const first = held[0];
    if (!first) throw err;
    return { ok: false, held: first };
  }

  async function run(trx: Trx) {
    await trx
      .insertInto('fee_payments')
      .values({
        id: p.id,
        reference: p.reference,
        cell_id: p.cellId,
        payer_user_id: p.payerUserId,
        kind: p.kind,
        bank_account_id: p.bankAccountId,
        amount: p.amount,
        status: settled?.status ?? 'unknown',
        gateway_txn_id: null,
        bank_reference: settled?.bankReference ?? null,
        created_at: p.createdAt,
        settled_at: settled ? p.createdAt : null,
        settled_via: settled?.via ?? null,
        settled_by: settled?.by ?? null,
        channel: settled ? 'statement' : 'gateway',
      })
      .execute();
    for (let i = 0; i < p.items.length; i += 500)
      await trx
        .insertInto('fee_payment_items')
        .values(
          p.items.slice(i, i + 500).map((it) => ({
            payment_id: p.id,
            member_id: it.memberId,
            month: it.month,
            amount: it.amount,
            holds: 1,
          })),
        )
        .execute();
  }
}

/** Which of these member-months an unknown or successful payment holds. */
export async function heldMonths(
  db: Db,
  items: readonly { memberId: string; month: string }[],
): Promise<HeldMonth[]> {
  if (items.length === 0) return [];
  const months = [...new Set(items.map((i) => i.month))];
  const rows = await db
    .selectFrom('fee_payment_items as i')
    .innerJoin('fee_payments as p', 'p.id', 'i.payment_id')
    .select(['i.member_id', 'i.month', 'p.status'])
    .where('i.holds', '=', 1)
    .where('i.month', 'in', months)
    .where(
      'i.member_id',
      'in',
      items.map((i) => i.memberId),
    )
    .execute();
  const wanted = new Set(items.map((i) => `${i.memberId}|${i.month}`));
  return rows
    .filter((r) => wanted.has(`${r.member_id}|${r.month}`))
    .map((r) => ({
      memberId: r.member_id,
      month: r.month,
      status: r.status === 'success' ? 'success' : 'unknown',
    }));
}

export async function setGatewayTxnId(db: Db, id: string, gatewayTxnId: string): Promise<void> {
  await db
    .updateTable('fee_payments')
    .set({ gateway_txn_id: gatewayTxnId })
    .where('id', '=', id)
    .where('gateway_txn_id', 'is', null)
    .execute();
}

export async function findPayment(db: Db, id: string): Promise<PaymentRecord | null> {
  const row = await db
    .selectFrom('fee_payments')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? ((await withItems(db, [row]))[0] ?? null) : null;
}

export async function findPaymentByReference(
  db: Db,
  reference: string,
): Promise<PaymentRecord | null> {
  const row = await db
    .selectFrom('fee_payments')
    .selectAll()
    .where('reference', '=', reference)
    .executeTakeFirst();
  return row ? ((await withItems(db, [row]))[0] ?? null) : null;
}

/**
 * Moves an unknown payment to its final status. The `status = 'unknown'` condition makes this the
 * single point where a payment is applied: of any number of concurrent callbacks, queries and
 * manual settlements, exactly one updates the row, the others see `false`.
 */
export async function settlePayment(
  db: Db,
  id: string,
  outcome: {
    status: 'success' | 'failed';
    via: 'callback' | 'query' | 'manual' | 'timeout' | 'start';
    by: string | null;
    bankReference: string | null;
    gatewayTxnId: string | null;
    /** The gateway's answer code of a failure, when it gave one. */
    failureCode?: string | null;
    at: Date;
  },
): Promise<boolean> {
  const run = async (trx: Trx) => {
    const result = await trx
      .updateTable('fee_payments')
      .set((eb) => ({
        status: outcome.status,
        settled_via: outcome.via,
        settled_by: outcome.by,
        settled_at: outcome.at.toISOString(),
        bank_reference: outcome.bankReference,
        failure_code: outcome.failureCode ?? null,
        gateway_txn_id: eb.fn.coalesce('gateway_txn_id', eb.val(outcome.gatewayTxnId)),
      }))
      .where('id', '=', id)
      .where('status', '=', 'unknown')
      .executeTakeFirst();
    const applied = Number(result.numUpdatedRows) === 1;
    // A failed payment no longer holds its months: they can be paid again.
    if (applied && outcome.status === 'failed')
      await trx
        .updateTable('fee_payment_items')
        .set({ holds: 0 })
        .where('payment_id', '=', id)
        .execute();
    return applied;
  };
  return db.isTransaction ? run(db as Trx) : db.transaction().execute(run);
}

export interface PaymentEvent {
  paymentId: string | null;
  reference: string | null;
  source: 'callback' | 'query' | 'manual' | 'timeout' | 'start';
  outcome: string;
  detail: object;
  actorUserId: string | null;
  at: Date;
}

let eventCounter = 0;
/**
 * Sortable by time of writing (wall clock, then a per-process counter): the trail reads in order.
 */
const eventId = () =>
  `${Date.now().toString(36).padStart(9, '0')}${(eventCounter++ % 1e6).toString(36).padStart(4, '0')}-${randomUUID()}`;

/** Appends to the audit trail of gateway messages and manual actions. */
export async function logPaymentEvent(db: Db, e: PaymentEvent): Promise<void> {
  await db
    .insertInto('fee_payment_events')
    .values({
      id: eventId(),
      payment_id: e.paymentId,
      reference: e.reference,
      source: e.source,
      outcome: e.outcome,
      detail: JSON.stringify(e.detail),
      actor_user_id: e.actorUserId,
      at: e.at.toISOString(),
    })
    .execute();
}

export async function paymentEvents(db: Db, paymentId: string) {
  return db
    .selectFrom('fee_payment_events')
    .select(['source', 'outcome', 'actor_user_id', 'detail', 'at'])
    .where('payment_id', '=', paymentId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function eventsByReference(db: Db, reference: string) {
  return db
    .selectFrom('fee_payment_events')
    .select(['source', 'outcome', 'payment_id'])
    .where('reference', '=', reference)
    .execute();
}

export interface PaymentFilter {
  /** Cells in these subtrees (staff). */
  subtreePaths: readonly string[];
  /** Payments this user made or that include this member (a member's own list). */
  own: { userId: string; memberId: string | null } | null;
  month?: string;
  cellId?: string;
  memberId?: string;
  status?: PaymentStatus;
  limit: number;
}

/** Newest first. */
export async function listPayments(db: Db, f: PaymentFilter): Promise<PaymentRecord[]> {
  let q = db
    .selectFrom('fee_payments as p')
    .innerJoin('orgs as c', 'c.id', 'p.cell_id')
    .selectAll('p')
    .where((eb) => {
      const own = f.own;
      const ors = [pathInSubtrees(sql.ref('c.path'), f.subtreePaths)];
      if (own) {
        ors.push(sql`${eb('p.payer_user_id', '=', own.userId)}`);
        if (own.memberId)
          ors.push(
            sql`exists (select 1 from fee_payment_items oi where oi.payment_id = p.id and oi.member_id = ${own.memberId})`,
          );
      }
      return eb.or(ors);
    });
  if (f.cellId) q = q.where('p.cell_id', '=', f.cellId);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.month || f.memberId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('fee_payment_items as i')
          .select('i.payment_id')
          .whereRef('i.payment_id', '=', 'p.id')
          .$if(f.month !== undefined, (s) => s.where('i.month', '=', f.month as string))
          .$if(f.memberId !== undefined, (s) => s.where('i.member_id', '=', f.memberId as string)),
      ),
    );
  const rows = await q.orderBy('p.created_at', 'desc').orderBy('p.id').limit(f.limit).execute();
  return withItems(db, rows);
}

/** Unknown payments of cells in the subtrees, oldest first: for the settling run. */
export async function unknownPayments(
  db: Db,
  subtreePaths: readonly string[],
  createdBefore: Date,
  limit: number,
) {
  return db
    .selectFrom('fee_payments as p')
    .innerJoin('orgs as c', 'c.id', 'p.cell_id')
    .select(['p.id', 'p.reference', 'p.created_at as createdAt'])
    .where('p.status', '=', 'unknown')
    .where('p.created_at', '<=', createdBefore.toISOString())
    .where(pathInSubtrees(sql.ref('c.path'), subtreePaths))
    .orderBy('p.created_at')
    .limit(limit)
    .execute();
}
