import { randomUUID } from 'node:crypto';
import { ACCOUNT_ROLES } from '../../src/api/access';
import {
  feeStatementRouteSpecs,
  UNAPPROVED_NOTE_VI,
  type Payment,
  type StatementLineRow,
  type UnmatchedReason,
} from '../../src/api/fees';
import { readStatementFile } from '../../src/documents/ledger/statement-file';
import { badRequest, forbidden, HttpError, notFound } from '../errors';
import type { Register } from '../http/register-route';
import { cellMemberFees } from '../repositories/fees';
import { collectingAccount, type PaymentRecord } from '../repositories/fees-payments';
import {
  findStatementLine,
  listStatementLines,
  matchLineToMembers,
  matchLineToPayment,
  parseStatementLineId,
  statementLineId,
  type MatchResult,
  type StatementLineRecord,
} from '../repositories/fees-statement-match';
import { importStatementLines } from '../repositories/fees-statements';
import { findOrg } from '../repositories/orgs';
import { cellFor, hasRoleOver, type FeeRouteDeps } from './fees-access';
import { paymentView } from './fees-payment-view';
import { conflict, monthVi } from './fees-refusals';

const money = (amount: number) => `${amount.toLocaleString('vi-VN')} đồng`;
const refused = (status: 400 | 409, error: string, message: string, messageVi: string) =>
  new HttpError(status, { error, message, messageVi });

/** Why the import left a line for a person, as the screen says it. */
export const UNMATCHED_REASON_VI = {
  no_reference: 'Không tìm thấy mã thanh toán trong nội dung chuyển khoản',
  amount_differs: 'Số tiền khác với số tiền của mã thanh toán',
  already_matched: 'Mã thanh toán đã khớp với một dòng khác',
  already_paid: 'Đảng viên đã nộp hoặc đang có giao dịch cho tháng này',
} as const satisfies Record<UnmatchedReason, string>;

const reasonOf = (reason: string | null): UnmatchedReason | null =>
  reason && reason in UNMATCHED_REASON_VI ? (reason as UnmatchedReason) : null;

const lineView = (l: StatementLineRecord): StatementLineRow => {
  const reason = reasonOf(l.reason);
  return {
    lineId: statementLineId(l.bankAccountId, l.bankReference),
    bankAccountId: l.bankAccountId,
    accountNo: l.accountNo,
    date: l.date,
    amount: l.amount,
    description: l.description,
    bankReference: l.bankReference,
    status: l.status,
    reason,
    reasonVi: reason ? UNMATCHED_REASON_VI[reason] : null,
    paymentId: l.paymentId,
    importedAt: l.importedAt,
    importedByName: l.importedByName,
    matchedByName: l.matchedByName,
    matchedAt: l.matchedAt,
  };
};

/** A payment matched by hand is final (success): no deadline, no automatic check. */
const matchedPaymentView = (p: PaymentRecord): Payment =>
  paymentView(p, { settleDeadline: null, nextAutoCheckAt: null });

/** "Held by another payment", for a month already paid or pending. */
const heldMessageVi = (who: string, status: string | null, month: string) =>
  status === 'success'
    ? `${who} đã nộp đảng phí tháng ${monthVi(month)}.`
    : `${who} đang có giao dịch chưa xác định trạng thái cho tháng ${monthVi(month)}.`;

/** The refusal of a match, in the words of the screen. */
function refusal(
  result: Extract<MatchResult, { ok: false }>,
  line: StatementLineRecord,
): HttpError {
  const { code } = result;
  switch (code) {
    case 'line_already_matched':
      return refused(409, code, 'the line is matched already', 'Dòng sao kê này đã được đối soát.');
    case 'payment_not_found':
      return refused(
        400,
        code,
        'no such payment',
        'Không tìm thấy giao dịch nộp đảng phí được chọn.',
      );
    case 'payment_other_account':
      return refused(
        409,
        code,
        'the payment went to another account',
        'Giao dịch được chọn không nộp vào tài khoản của sao kê này.',
      );
    case 'payment_failed':
      return refused(
        409,
        code,
        'the payment failed',
        'Giao dịch được chọn đã thất bại; hãy đối soát dòng này theo chi bộ, tháng và đảng viên.',
      );
    case 'payment_already_matched':
      return refused(
        409,
        code,
        `the payment is proven by line ${result.bankReference}`,
        `Giao dịch được chọn đã được đối soát với dòng sao kê ${result.bankReference}.`,
      );
    case 'amount_differs':
      return refused(
        409,
        code,
        `line amount ${line.amount} differs from ${result.expected}`,
        `Số tiền của dòng sao kê (${money(line.amount)}) khác số tiền phải nộp (${money(result.expected)}).`,
      );
    case 'already_paid': {
      const { held } = result;
      return refused(
        409,
        code,
        `${held.memberId} ${held.month} is held by a ${held.status} payment`,
        heldMessageVi('Có đảng viên', held.status, held.month),
      );
    }
  }
}

/**
 * Bank statements: importing one (all lines or none; matched transfers become payments once),
 * the lines left for a person, and matching one by hand.
 */
export function feeStatementRoutes(route: Register, { ctx, config }: FeeRouteDeps): void {
  const s = feeStatementRouteSpecs;

  route(s.importStatement, async ({ params, body, caller }) => {
    const org = await findOrg(ctx.db, params.orgId);
    if (!org) throw notFound();
    if (!hasRoleOver(caller, ACCOUNT_ROLES, org.path)) throw forbidden();
    const account = await collectingAccount(ctx.db, `${org.path}`);
    if (!account || account.orgId !== org.id)
      throw conflict(
        'the org has no active account of its own',
        'Tổ chức đảng chưa có tài khoản thụ hưởng đang sử dụng.',
      );
    const bytes = Buffer.from(body.dataBase64, 'base64');
    const empty = { imported: 0, alreadyImported: 0, matched: [], unmatched: [] };
    // Size, zip-bomb and row limits are checked before anything is inflated or parsed.
    const parsed = await readStatementFile(bytes, { ceiling: config.amountCeiling });
    if (!parsed.ok) {
      const { message, messageVi } = parsed;
      const problems = parsed.problems ?? [{ lineNo: 1, message, messageVi }];
      return { ...empty, accepted: false, problems };
    }
    if (parsed.value.length === 0) return { ...empty, accepted: true, problems: [] };
    const importer = { userId: caller.user.id };
    const done = await importStatementLines(ctx.db, account, parsed.value, importer, ctx.now());
    const view = (l: (typeof parsed.value)[number]) => ({
      lineNo: l.lineNo,
      date: l.date,
      amount: l.amount,
      description: l.description,
      bankReference: l.bankReference,
    });
    return {
      accepted: true,
      problems: [],
      imported: done.matched.length + done.unmatched.length,
      alreadyImported: done.alreadyImported,
      matched: done.matched.map((m) => ({
        ...view(m.line),
        paymentId: m.paymentId,
        reference: m.reference,
      })),
      unmatched: done.unmatched.map((u) => ({
        ...view(u.line),
        reason: u.reason,
        reasonVi: UNMATCHED_REASON_VI[u.reason],
        lineId: statementLineId(account.id, u.line.bankReference),
      })),
    };
  });

  route(s.statementLines, async ({ params, query, caller }) => {
    const org = await findOrg(ctx.db, params.orgId);
    if (!org) throw notFound();
    if (!hasRoleOver(caller, ACCOUNT_ROLES, org.path)) throw forbidden();
    const lines = await listStatementLines(ctx.db, org.id, query.status, query.limit);
    return { orgId: org.id, items: lines.map(lineView) };
  });

  /** Matching to members' approved month: a new successful payment, as the import records one. */
  async function matchToMembers(
    line: StatementLineRecord,
    body: { cellId: string; month: string; memberIds: string[] },
    actor: { userId: string; at: Date },
  ): Promise<MatchResult> {
    const cell = await cellFor(ctx, body.cellId);
    // Out of scope: the cell's money goes to another account than the statement's.
    const account = await collectingAccount(ctx.db, cell.path);
    if (account?.id !== line.bankAccountId)
      throw refused(
        409,
        'cell_other_account',
        `cell ${cell.id} does not collect into ${line.bankAccountId}`,
        `${cell.name} không nộp đảng phí vào tài khoản của sao kê này.`,
      );
    const wanted = [...new Set(body.memberIds)];
    const fees = await cellMemberFees(ctx.db, cell.id, body.month, wanted);
    if (fees.length !== wanted.length)
      throw badRequest('memberIds', 'a member is not in the cell', 'Đảng viên không thuộc chi bộ.');
    const unapproved = fees.find((f) => !f.approval);
    if (unapproved)
      throw refused(
        409,
        'not_approved',
        `${unapproved.memberId}: not approved`,
        `${unapproved.fullName}: ${UNAPPROVED_NOTE_VI}.`,
      );
    const held = fees.find((f) => f.paidStatus);
    if (held)
      throw refused(
        409,
        'already_paid',
        `${held.memberId}: held by a ${held.paidStatus} payment`,
        heldMessageVi(held.fullName, held.paidStatus, body.month),
      );
    const items = fees.map((f) => ({ memberId: f.memberId, amount: f.approval?.amount ?? 0 }));
    const month = { cellId: cell.id, month: body.month, items };
    return matchLineToMembers(ctx.db, line, month, actor, randomUUID());
  }

  route(s.matchStatementLine, async ({ params, body, caller, request }) => {
    const key = parseStatementLineId(params.lineId);
    const line = key ? await findStatementLine(ctx.db, key) : null;
    if (!line) throw notFound();
    const org = await findOrg(ctx.db, line.orgId);
    if (!org || !hasRoleOver(caller, ACCOUNT_ROLES, org.path)) throw forbidden();
    if (line.status === 'matched') throw refusal({ ok: false, code: 'line_already_matched' }, line);
    const actor = { userId: caller.user.id, at: ctx.now() };
    const result =
      'paymentId' in body
        ? await matchLineToPayment(ctx.db, line, body.paymentId, actor)
        : await matchToMembers(line, body, actor);
    if (!result.ok) {
      const fees = { line: params.lineId, refused: result.code };
      request.log.info({ fees }, 'statement line match refused');
      throw refusal(result, line);
    }
    const fees = { line: params.lineId, paymentId: result.payment.id };
    request.log.info({ fees }, 'statement line matched by hand');
    const now = (await findStatementLine(ctx.db, line)) ?? line;
    return { line: lineView(now), payment: matchedPaymentView(result.payment) };
  });
}
