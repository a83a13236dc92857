import { createHash } from 'node:crypto';
import { CELL_FEE_ROLES } from '../../src/api/access';
import { feeVietQrRouteSpecs, UNAPPROVED_NOTE_VI } from '../../src/api/fees';
import { bankOfCitad } from '../../src/domain/fees/bank-bins';
import { vietQrPayload } from '../../src/domain/fees/vietqr';
import { badRequest, forbidden } from '../errors';
import type { Register } from '../http/register-route';
import { cellMemberFees } from '../repositories/fees';
import { recordVietqrRequest } from '../repositories/fees-statements';
import { cellFor, hasRoleOver, type FeeRouteDeps } from './fees-access';
import { collectingAccountFor } from './fees-collecting';
import { conflict, monthVi } from './fees-refusals';

/** The same request gives the same reference: drawing the code again does not duplicate it. */
function vietQrReference(month: string, parts: unknown[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(parts))
    .digest('hex')
    .slice(0, 10)
    .toUpperCase();
  return `DPQ${month.slice(2, 4)}${month.slice(5)}${digest}`;
}

/** VietQR: a code to pay members' approved month by bank transfer to the active account. */
export function feeVietQrRoutes(route: Register, { ctx, config }: FeeRouteDeps): void {
  route(feeVietQrRouteSpecs.vietqr, async ({ params, query, caller }) => {
    const cell = await cellFor(ctx, params.cellId);
    const self = caller.user.memberId;
    const asOfficer = hasRoleOver(caller, CELL_FEE_ROLES, cell.path);
    const memberIds = query.memberIds ?? (asOfficer ? undefined : self ? [self] : undefined);
    // A member draws a code for his own month only; officers for any members of the cell.
    if (!asOfficer && !(self && memberIds?.length === 1 && memberIds[0] === self))
      throw forbidden();
    const lines = await cellMemberFees(ctx.db, cell.id, query.month, memberIds);
    if (memberIds && lines.length !== new Set(memberIds).size)
      throw badRequest('memberIds', 'a member is not in the cell', 'Đảng viên không thuộc chi bộ.');
    const unapproved = memberIds ? lines.find((l) => !l.approval) : undefined;
    if (unapproved)
      throw conflict(
        `${unapproved.memberId}: not approved`,
        `${unapproved.fullName}: ${UNAPPROVED_NOTE_VI}`,
      );
    const held = memberIds ? lines.find((l) => l.paidStatus) : undefined;
    if (held)
      throw conflict(
        `${held.memberId}: held by a ${held.paidStatus} payment`,
        held.paidStatus === 'success'
          ? `${held.fullName} đã nộp đảng phí tháng ${monthVi(query.month)}.`
          : `${held.fullName} đang có giao dịch chưa xác định trạng thái cho tháng ${monthVi(query.month)}.`,
      );
    const payable = lines.filter((l) => l.approval && l.approval.amount > 0 && !l.paidStatus);
    const amount = payable.reduce((sum, l) => sum + (l.approval?.amount ?? 0), 0);
    if (amount === 0) throw conflict('nothing to pay', 'Không có khoản đảng phí nào cần nộp.');
    const account = await collectingAccountFor(ctx.db, cell, amount, config.amountCeiling);
    const bank = bankOfCitad(account.citadCode);
    if (!bank?.bin)
      throw conflict(
        `no NAPAS BIN for CITAD ${account.citadCode}`,
        'Ngân hàng của tài khoản thụ hưởng chưa hỗ trợ VietQR; vui lòng nộp qua cổng thanh toán.',
      );
    const items = payable.map((l) => ({ memberId: l.memberId, amount: l.approval?.amount ?? 0 }));
    const reference = vietQrReference(query.month, [cell.id, query.month, account.id, items]);
    const payload = vietQrPayload({
      bin: bank.bin,
      accountNo: account.accountNo,
      amount,
      reference,
    });
    if (!payload.ok) throw conflict(payload.message, payload.messageVi);
    await recordVietqrRequest(ctx.db, {
      reference,
      cellId: cell.id,
      bankAccountId: account.id,
      month: query.month,
      amount,
      items,
      createdBy: caller.user.id,
      createdAt: ctx.now().toISOString(),
    });
    return {
      payload: payload.value,
      reference,
      amount,
      month: query.month,
      memberIds: items.map((i) => i.memberId),
      bin: bank.bin,
      bankName: bank.name,
      accountNo: account.accountNo,
      holder: account.holder,
      description: `${reference} Dang phi T${query.month.slice(5)} ${query.month.slice(0, 4)}`,
    };
  });
}
