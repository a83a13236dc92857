import { randomUUID } from 'node:crypto';
import {
  feeStatementRouteSpecs,
  UNAPPROVED_NOTE_VI,
  type Payment,
  type StatementLineRow,
} from '../../src/api/fees';
import type { ServerContext } from '../context';
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
import { findOrg } from '../repositories/orgs';
import { cellFor, hasRoleOver } from './fees-access';
import { paymentView } from './fees-payment-view';

/** Roles that import statements and match their lines (the fee officer and the admin). */
const ACCOUNT_ROLES = ['fee_officer', 'admin'];

const money = (amount: number) => `${amount.toLocaleString('vi-VN')} đồng`;
const monthVi = (m: string) => `${m.slice(5)}/${m.slice(0, 4)}`;
const refused = (status: 400 | 409, error: string, message: string, messageVi: string) =>
  new HttpError(status, { error, message, messageVi });

/** Why the import left a line for a person, as the screen says it. */
export const UNMATCHED_REASON_VI = {
  no_reference: 'Không tìm thấy mã thanh toán trong nội dung chuyển khoản',
  amount_differs: 'Số tiền khác với số tiền của mã thanh toán',
  already_matched: 'Mã thanh toán đã khớp với một dòng khác',
  already_paid: 'Đảng viên đã nộp hoặc đang có giao dịch cho tháng này',
} as const;

const lineView = (l: StatementLineRecord): StatementLineRow => {
  const reason = l.reason && l.reason in UNMATCHED_REASON_VI ? (l.reason as keyof typeof UNMATCHED_REASON_VI) : null; // prettier-ignore
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

/** The refusal of a match, in the words of the screen. */
function refusal(
  result: Extract<MatchResult, { ok: false }>,
  line: StatementLineRecord,
): HttpError {
  switch (result.code) {
    case 'line_already_matched':
      return refused(409, result.code, 'the line is matched already', 'Dòng sao kê này đã được đối soát.'); // prettier-ignore
    case 'payment_not_found':
      return refused(400, result.code, 'no such payment', 'Không tìm thấy giao dịch nộp đảng phí được chọn.'); // prettier-ignore
    case 'payment_other_account':
      return refused(409, result.code, 'the payment went to another account', 'Giao dịch được chọn không nộp vào tài khoản của sao kê này.'); // prettier-ignore
    case 'payment_failed':
      return refused(409, result.code, 'the payment failed', 'Giao dịch được chọn đã thất bại; hãy đối soát dòng này theo chi bộ, tháng và đảng viên.'); // prettier-ignore
    case 'payment_already_matched':
      return refused(409, result.code, `the payment is proven by line ${result.bankReference}`, `Giao dịch được chọn đã được đối soát với dòng sao kê ${result.bankReference}.`); // prettier-ignore
    case 'amount_differs':
      return refused(409, result.code, `line amount ${line.amount} differs from ${result.expected}`, `Số tiền của dòng sao kê (${money(line.amount)}) khác số tiền phải nộp (${money(result.expected)}).`); // prettier-ignore
    case 'already_paid':
      return refused(409, result.code, `${result.held.memberId} ${result.held.month} is held by a ${result.held.status} payment`,
        result.held.status === 'success'
          ? `Có đảng viên đã nộp đảng phí tháng ${monthVi(result.held.month)}.`
          : `Có đảng viên đang có giao dịch chưa xác định trạng thái cho tháng ${monthVi(result.held.month)}.`); // prettier-ignore
  }
}

/** Statement lines left for a person, and matching one by hand (decision 0011). */
export function feeStatementLineRoutes(route: Register, ctx: ServerContext): void {
  const s = feeStatementRouteSpecs;

  route(s.statementLines, async ({ params, query, caller }) => {
    const org = await findOrg(ctx.db, params.orgId);
    if (!org) throw notFound();
    if (!hasRoleOver(caller, ACCOUNT_ROLES, org.path)) throw forbidden();
    const lines = await listStatementLines(ctx.db, org.id, query.status, query.limit);
    return { orgId: org.id, items: lines.map(lineView) };
  });

  route(s.matchStatementLine, async ({ params, body, caller, request }) => {
    const key = parseStatementLineId(params.lineId);
    const line = key ? await findStatementLine(ctx.db, key) : null;
    if (!line) throw notFound();
    const org = await findOrg(ctx.db, line.orgId);
    if (!org || !hasRoleOver(caller, ACCOUNT_ROLES, org.path)) throw forbidden();
    if (line.status === 'matched') throw refusal({ ok: false, code: 'line_already_matched' }, line);
    const actor = { userId: caller.user.id, at: ctx.now() };
    let result: MatchResult;
    if ('paymentId' in body) {
      result = await matchLineToPayment(ctx.db, line, body.paymentId, actor);
    } else {
      const cell = await cellFor(ctx, body.cellId);
      // Out of scope: the cell's money goes to another account than the statement's.
      const account = await collectingAccount(ctx.db, cell.path);
      if (account?.id !== line.bankAccountId)
        throw refused(409, 'cell_other_account', `cell ${cell.id} does not collect into ${line.bankAccountId}`, `${cell.name} không nộp đảng phí vào tài khoản của sao kê này.`); // prettier-ignore
      const wanted = [...new Set(body.memberIds)];
      const fees = await cellMemberFees(ctx.db, cell.id, body.month, wanted);
      if (fees.length !== wanted.length)
        throw badRequest('memberIds', 'a member is not in the cell', 'Đảng viên không thuộc chi bộ.'); // prettier-ignore
      const unapproved = fees.find((f) => !f.approval);
      if (unapproved)
        throw refused(409, 'not_approved', `${unapproved.memberId}: not approved`, `${unapproved.fullName}: ${UNAPPROVED_NOTE_VI}.`); // prettier-ignore
      const held = fees.find((f) => f.paidStatus);
      if (held)
        throw refused(409, 'already_paid', `${held.memberId}: held by a ${held.paidStatus} payment`,
          held.paidStatus === 'success'
            ? `${held.fullName} đã nộp đảng phí tháng ${monthVi(body.month)}.`
            : `${held.fullName} đang có giao dịch chưa xác định trạng thái cho tháng ${monthVi(body.month)}.`); // prettier-ignore
      const items = fees.map((f) => ({ memberId: f.memberId, amount: f.approval?.amount ?? 0 }));
      result = await matchLineToMembers(ctx.db, line, { cellId: cell.id, month: body.month, items }, actor, randomUUID()); // prettier-ignore
    }
    if (!result.ok) {
      request.log.info({ fees: { line: params.lineId, refused: result.code } }, 'statement line match refused'); // prettier-ignore
      throw refusal(result, line);
    }
    request.log.info({ fees: { line: params.lineId, paymentId: result.payment.id } }, 'statement line matched by hand'); // prettier-ignore
    const now = (await findStatementLine(ctx.db, line)) ?? line;
    return { line: lineView(now), payment: matchedPaymentView(result.payment) };
  });
}
