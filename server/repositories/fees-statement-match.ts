import { createHash } from 'node:crypto';
import type { Db, Trx } from './db';
import {
  findPayment,
  heldMonths,
  insertPayment,
  logPaymentEvent,
  settlePayment,
  type HeldMonth,
  type PaymentRecord,
} from './fees-payments';

// The statement lines an import left for a person, and matching one of them by hand. A line is
// matched once (`update … where status = 'unmatched'` claims it); the payment it proves goes
// through the same single points as everywhere else: `settlePayment` for an unknown one,
// `insertPayment` (holding each member-month once) for a new one.

/** A line's id for clients: its account and bank reference (the table's key), base64url. */
export const statementLineId = (bankAccountId: string, bankReference: string): string =>
  Buffer.from(`${bankAccountId}\n${bankReference}`, 'utf8').toString('base64url');

export function parseStatementLineId(
  lineId: string,
): { bankAccountId: string; bankReference: string } | null {
  const text = Buffer.from(lineId, 'base64url').toString('utf8');
  const cut = text.indexOf('\n');
  if (cut <= 0 || cut === text.length - 1) return null;
  const key = { bankAccountId: text.slice(0, cut), bankReference: text.slice(cut + 1) };
  // Anything but the canonical form of a key is not an id we gave out.
  return statementLineId(key.bankAccountId, key.bankReference) === lineId ? key : null;
}

export interface StatementLineRecord {
  bankAccountId: string;
  accountNo: string;
  orgId: string;
  bankReference: string;
  date: string;
  amount: number;
  description: string;
  status: 'unmatched' | 'matched';
  reason: string | null;
  paymentId: string | null;
  importedAt: string;
  importedByName: string | null;
  matchedByName: string | null;
  matchedAt: string | null;
}

/** The outcome of the audit trail a hand match writes (fee_payment_events.outcome). */
const MATCHED_BY_HAND = 'statement_matched';

function lineQuery(db: Db) {
  return db
    .selectFrom('fee_statement_lines as l')
    .innerJoin('org_bank_accounts as a', 'a.id', 'l.bank_account_id')
    .leftJoin('users as iu', 'iu.id', 'l.imported_by')
    .leftJoin('fee_payment_events as e', (j) =>
      j
        .onRef('e.payment_id', '=', 'l.payment_id')
        .on('e.outcome', '=', MATCHED_BY_HAND)
        .on('e.source', '=', 'manual'),
    )
    .leftJoin('users as mu', 'mu.id', 'e.actor_user_id')
    .select([
      'l.bank_account_id',
      'a.account_no',
      'a.org_id',
      'l.bank_reference',
      'l.date',
      'l.amount',
      'l.description',
      'l.status',
      'l.reason',
      'l.payment_id',
      'l.imported_at',
      'iu.full_name as imported_by_name',
      'mu.full_name as matched_by_name',
      'e.at as matched_at',
    ]);
}
type LineRow = Awaited<ReturnType<ReturnType<typeof lineQuery>['execute']>>[number];

const fromRow = (r: LineRow): StatementLineRecord => ({
  bankAccountId: r.bank_account_id,
  accountNo: r.account_no,
  orgId: r.org_id,
  bankReference: r.bank_reference,
  date: r.date,
  amount: Number(r.amount),
  description: r.description,
  status: r.status === 'matched' ? 'matched' : 'unmatched',
  reason: r.reason,
  paymentId: r.payment_id,
  importedAt: r.imported_at,
  importedByName: r.imported_by_name,
  matchedByName: r.matched_by_name,
  matchedAt: r.matched_at,
});

/** The lines of an org's own accounts with a status, newest first. */
export async function listStatementLines(
  db: Db,
  orgId: string,
  status: 'unmatched' | 'matched',
  limit: number,
): Promise<StatementLineRecord[]> {
  const rows = await lineQuery(db)
    .where('a.org_id', '=', orgId)
    .where('l.status', '=', status)
    .orderBy('l.date', 'desc')
    .orderBy('l.imported_at', 'desc')
    .orderBy('l.bank_reference')
    .limit(limit)
    .execute();
  return rows.map(fromRow);
}

export async function findStatementLine(
  db: Db,
  key: { bankAccountId: string; bankReference: string },
): Promise<StatementLineRecord | null> {
  const row = await lineQuery(db)
    .where('l.bank_account_id', '=', key.bankAccountId)
    .where('l.bank_reference', '=', key.bankReference)
    .executeTakeFirst();
  return row ? fromRow(row) : null;
}

export type MatchRefusal =
  | { code: 'line_already_matched' }
  | { code: 'payment_not_found' }
  | { code: 'payment_other_account' }
  | { code: 'payment_failed' }
  | { code: 'payment_already_matched'; bankReference: string }
  | { code: 'amount_differs'; expected: number }
  | { code: 'already_paid'; held: HeldMonth };

export type MatchResult = { ok: true; payment: PaymentRecord } | ({ ok: false } & MatchRefusal);

/** Thrown inside a match transaction to roll it back with the refusal. */
class Refused extends Error {
  constructor(readonly refusal: MatchRefusal) {
    super(refusal.code);
  }
}

export interface MatchActor {
  userId: string;
  at: Date;
}

/** Claims an unmatched line for a payment, or refuses when someone matched it meanwhile. */
async function claimLine(trx: Trx, line: StatementLineRecord, paymentId: string): Promise<void> {
  const claimed = await trx
    .updateTable('fee_statement_lines')
    .set({ status: 'matched', payment_id: paymentId })
    .where('bank_account_id', '=', line.bankAccountId)
    .where('bank_reference', '=', line.bankReference)
    .where('status', '=', 'unmatched')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw new Refused({ code: 'line_already_matched' });
}

async function audit(
  trx: Trx,
  line: StatementLineRecord,
  payment: { id: string; reference: string },
  actor: MatchActor,
  detail: object,
): Promise<void> {
  await logPaymentEvent(trx, {
    paymentId: payment.id,
    reference: payment.reference,
    source: 'manual',
    outcome: MATCHED_BY_HAND,
    detail: {
      bankAccountId: line.bankAccountId,
      bankReference: line.bankReference,
      lineAmount: line.amount,
      ...detail,
    },
    actorUserId: actor.userId,
    at: actor.at,
  });
}

async function inTransaction(
  db: Db,
  run: (trx: Trx) => Promise<PaymentRecord>,
): Promise<MatchResult> {
  try {
    return { ok: true, payment: await db.transaction().execute(run) };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, ...err.refusal };
    throw err;
  }
}

/**
 * The line is the bank's proof of a recorded payment to the same account for the same amount:
 * an unknown payment is settled successful with the line's reference (the single
 * `status = 'unknown'` update), a successful one is only confirmed. A failed payment, or one
 * another line proves already, is refused.
 */
export async function matchLineToPayment(
  db: Db,
  line: StatementLineRecord,
  paymentId: string,
  actor: MatchActor,
): Promise<MatchResult> {
  return inTransaction(db, async (trx) => {
    await claimLine(trx, line, paymentId);
    // Touching the payment row serialises matches to it (PostgreSQL row lock; SQLite has one
    // writer anyway), so two lines never both prove the same payment.
    await trx
      .updateTable('fee_payments')
      .set((eb) => ({ id: eb.ref('id') }))
      .where('id', '=', paymentId)
      .execute();
    const payment = await findPayment(trx, paymentId);
    if (!payment) throw new Refused({ code: 'payment_not_found' });
    if (payment.bankAccountId !== line.bankAccountId)
      throw new Refused({ code: 'payment_other_account' });
    if (payment.status === 'failed') throw new Refused({ code: 'payment_failed' });
    if (payment.amount !== line.amount)
      throw new Refused({ code: 'amount_differs', expected: payment.amount });
    const other = await trx
      .selectFrom('fee_statement_lines')
      .select('bank_reference')
      .where('payment_id', '=', paymentId)
      .where((eb) =>
        eb.or([
          eb('bank_account_id', '!=', line.bankAccountId),
          eb('bank_reference', '!=', line.bankReference),
        ]),
      )
      .executeTakeFirst();
    if (other)
      throw new Refused({ code: 'payment_already_matched', bankReference: other.bank_reference });
    const settled =
      payment.status === 'unknown' &&
      (await settlePayment(trx, payment.id, {
        status: 'success',
        via: 'manual',
        by: actor.userId,
        bankReference: line.bankReference,
        gatewayTxnId: null,
        at: actor.at,
      }));
    await audit(trx, line, payment, actor, { paymentId, settled });
    return (await findPayment(trx, paymentId)) ?? payment;
  });
}

/** The payment reference of a hand-matched line: stable per line, unique beside the others. */
const referenceOf = (line: StatementLineRecord) =>
  `DPS${createHash('sha256')
    .update(`${line.bankAccountId}|${line.bankReference}`)
    .digest('hex')
    .slice(0, 14)
    .toUpperCase()}`;

/**
 * The line pays members' approved month of a cell that collects into the line's account: a new
 * successful payment (channel 'statement'), as the import records a matched line. The caller
 * checked the members, their approvals and the amount; a month held meanwhile is refused here.
 */
export async function matchLineToMembers(
  db: Db,
  line: StatementLineRecord,
  order: {
    cellId: string;
    month: string;
    items: readonly { memberId: string; amount: number }[];
  },
  actor: MatchActor,
  newPaymentId: string,
): Promise<MatchResult> {
  const items = order.items.map((i) => ({ ...i, month: order.month }));
  const amount = items.reduce((sum, i) => sum + i.amount, 0);
  if (amount !== line.amount) return { ok: false, code: 'amount_differs', expected: amount };
  try {
    return await inTransaction(db, async (trx) => {
      await claimLine(trx, line, newPaymentId);
      const held = (await heldMonths(trx, items))[0];
      if (held) throw new Refused({ code: 'already_paid', held });
      const payment = {
        id: newPaymentId,
        reference: referenceOf(line),
        cellId: order.cellId,
        payerUserId: actor.userId,
        kind: 'cell' as const,
        bankAccountId: line.bankAccountId,
        amount,
        createdAt: actor.at.toISOString(),
        items,
      };
      const inserted = await insertPayment(trx, payment, {
        status: 'success',
        via: 'statement',
        by: actor.userId,
        bankReference: line.bankReference,
      });
      if (!inserted.ok) throw new Refused({ code: 'already_paid', held: inserted.held });
      await audit(trx, line, payment, actor, { cellId: order.cellId, month: order.month });
      const saved = await findPayment(trx, newPaymentId);
      if (!saved) throw new Error(`payment ${newPaymentId} vanished inside its transaction`);
      return saved;
    });
  } catch (err) {
    // Another payment took a month between the check and the insert (PostgreSQL aborts the
    // transaction on the unique index): the same refusal, read after the rollback.
    const held = (await heldMonths(db, items))[0];
    if (held) return { ok: false, code: 'already_paid', held };
    throw err;
  }
}
