import { randomUUID } from 'node:crypto';
import {
  matchStatement,
  type ExpectedPayment,
  type StatementLine,
} from '../../src/domain/fees/statement-match';
import type { Db, Trx } from './db';
import { heldMonths, insertPayment } from './fees-payments';

export interface VietqrRequest {
  reference: string;
  cellId: string;
  bankAccountId: string;
  month: string;
  amount: number;
  items: { memberId: string; amount: number }[];
  createdBy: string;
  createdAt: string;
}

/** Remembers a VietQR handed out (the same request twice gives the same reference: kept once). */
export async function recordVietqrRequest(db: Db, r: VietqrRequest): Promise<void> {
  await db
    .insertInto('fee_vietqr_requests')
    .values({
      reference: r.reference,
      cell_id: r.cellId,
      bank_account_id: r.bankAccountId,
      month: r.month,
      amount: r.amount,
      member_ids: JSON.stringify(r.items),
      created_by: r.createdBy,
      created_at: r.createdAt,
      payment_id: null,
    })
    .onConflict((oc) => oc.column('reference').doNothing())
    .execute();
}

export type UnmatchedReason =
  'no_reference' | 'amount_differs' | 'already_matched' | 'already_paid';

export interface StatementImport {
  alreadyImported: number;
  matched: { line: StatementLine; paymentId: string; reference: string }[];
  unmatched: { line: StatementLine; reason: UnmatchedReason }[];
}

/**
 * Records a parsed statement of one account in one transaction: lines seen in an earlier import
 * (same bank reference) are skipped; the others are matched to the VietQR codes handed out for
 * the account and not yet paid. A matched line becomes a successful payment of the code's
 * members (channel 'statement') unless one of its months is paid or pending already; then the
 * line waits for a person like any unmatched one. Everything or nothing is written.
 */
export async function importStatementLines(
  db: Db,
  account: { id: string },
  lines: readonly StatementLine[],
  payer: { userId: string },
  now: Date,
): Promise<StatementImport> {
  return db.transaction().execute(async (trx: Trx) => {
    const at = now.toISOString();
    const seen = new Set(
      (
        await trx
          .selectFrom('fee_statement_lines')
          .select('bank_reference')
          .where('bank_account_id', '=', account.id)
          .where(
            'bank_reference',
            'in',
            lines.map((l) => l.bankReference),
          )
          .execute()
      ).map((r) => r.bank_reference),
    );
    const fresh = lines.filter((l) => !seen.has(l.bankReference));
    const open = await trx
      .selectFrom('fee_vietqr_requests')
      .selectAll()
      .where('bank_account_id', '=', account.id)
      .where('payment_id', 'is', null)
      .execute();
    const expected: ExpectedPayment[] = open.map((r) => ({
      id: r.reference,
      reference: r.reference,
      amount: Number(r.amount),
    }));
    const match = matchStatement(fresh, expected);
    const result: StatementImport = {
      alreadyImported: lines.length - fresh.length,
      matched: [],
      unmatched: [],
    };
    for (const u of match.unmatched) result.unmatched.push({ line: u.line, reason: u.reason });
    for (const { line, payment } of match.matched) {
      const request = open.find((r) => r.reference === payment.reference);
      if (!request) continue;
      const items = (JSON.parse(request.member_ids) as { memberId: string; amount: number }[]).map(
        (i) => ({ ...i, month: request.month }),
      );
      if ((await heldMonths(trx, items)).length > 0) {
        result.unmatched.push({ line, reason: 'already_paid' });
        continue;
      }
      const paymentId = randomUUID();
      const inserted = await insertPayment(
        trx,
        {
          id: paymentId,
          // The VietQR reference is the transfer's; the payment's own stays unique beside it.
          reference: `${request.reference}S`,
          cellId: request.cell_id,
          payerUserId: payer.userId,
          kind: 'cell',
          bankAccountId: account.id,
          amount: Number(request.amount),
          createdAt: at,
          items,
        },
        {
          status: 'success',
          via: 'statement',
          by: payer.userId,
          bankReference: line.bankReference,
        },
      );
      if (!inserted.ok) throw new Error('held month appeared inside the import transaction');
      await trx
        .updateTable('fee_vietqr_requests')
        .set({ payment_id: paymentId })
        .where('reference', '=', request.reference)
        .execute();
      result.matched.push({ line, paymentId, reference: request.reference });
    }
    const rows = [
      ...result.matched.map((m) => ({
        line: m.line,
        status: 'matched',
        reason: null,
        paymentId: m.paymentId,
      })),
      ...result.unmatched.map((u) => ({
        line: u.line,
        status: 'unmatched',
        reason: u.reason,
        paymentId: null,
      })),
    ];
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('fee_statement_lines')
        .values(
          rows.slice(i, i + 200).map((r) => ({
            bank_account_id: account.id,
            bank_reference: r.line.bankReference,
            date: r.line.date,
            amount: r.line.amount,
            description: r.line.description,
            status: r.status,
            reason: r.reason,
            payment_id: r.paymentId,
            imported_by: payer.userId,
            imported_at: at,
          })),
        )
        .execute();
    return result;
  });
}
