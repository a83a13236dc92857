import { fail, ok, type Failure, type Result } from '../common/result';

/** A member's line of the cell's month as the approval needs it. */
export interface ApprovalCandidate {
  memberId: string;
  fullName: string;
  computedAmount: number | null;
  computeMessageVi: string | null;
  paid: boolean;
  approval: { amount: number; approvedBy: string; approvedByName: string | null } | null;
}

export interface ApprovalItem {
  memberId: string;
  amount?: number | undefined;
  reason?: string | undefined;
}

export interface PlannedApproval {
  memberId: string;
  computedAmount: number;
  amount: number;
  adjustReason: string | null;
}

export type ApprovalCode =
  | 'not_in_cell'
  | 'already_paid'
  | 'no_computed_amount'
  | 'over_ceiling'
  | 'reason_missing'
  | 'approved_by_other';

export type ApprovalFailure = Failure<ApprovalCode> & { field: string };

const failAt = (
  field: string,
  code: ApprovalCode,
  message: string,
  messageVi: string,
): ApprovalFailure => ({ ...fail(code, message, messageVi), field });

/**
 * What approving `items` (and, with `all`, every other computable unpaid member) changes. The
 * same rules online and for an approval queued offline; `actorUserId` set (offline) makes a
 * listed month already approved by someone else at another amount a conflict, naming them.
 */
export function planApprovals(
  lines: readonly ApprovalCandidate[],
  request: { all: boolean; items: readonly ApprovalItem[] },
  opts: { ceiling: number; actorUserId?: string },
): Result<PlannedApproval[], ApprovalCode> & { field?: string } {
  const byMember = new Map(lines.map((l) => [l.memberId, l]));
  const planned: PlannedApproval[] = [];
  for (const [i, item] of request.items.entries()) {
    const line = byMember.get(item.memberId);
    if (!line)
      return failAt(
        `items.${i}.memberId`,
        'not_in_cell',
        'member is not registered in this cell',
        'Đảng viên không thuộc chi bộ.',
      );
    if (line.paid)
      return failAt(
        `items.${i}.memberId`,
        'already_paid',
        `the month of ${item.memberId} is paid`,
        `Đảng viên ${line.fullName} đã nộp đảng phí tháng này, không thể duyệt lại.`,
      );
    const amount = item.amount ?? line.computedAmount;
    if (amount === null)
      return failAt(
        `items.${i}.amount`,
        'no_computed_amount',
        'no computed amount: give one with a reason',
        line.computeMessageVi ?? 'Chưa tính được mức đảng phí: nhập số tiền và lý do.',
      );
    if (amount > opts.ceiling)
      return failAt(
        `items.${i}.amount`,
        'over_ceiling',
        `amount exceeds ${opts.ceiling}`,
        'Số tiền vượt quá mức tối đa cho phép.',
      );
    if (amount !== line.computedAmount && !item.reason)
      return failAt(
        `items.${i}.reason`,
        'reason_missing',
        'an adjusted amount needs a reason',
        'Điều chỉnh mức đảng phí phải nêu lý do.',
      );
    const previous = line.approval;
    if (
      opts.actorUserId !== undefined &&
      previous &&
      previous.approvedBy !== opts.actorUserId &&
      previous.amount !== amount
    ) {
      const who = previous.approvedByName ?? 'người khác';
      return failAt(
        `items.${i}.memberId`,
        'approved_by_other',
        `${item.memberId} was approved by ${previous.approvedBy} at ${previous.amount}, not ${amount}`,
        `Đảng phí tháng này của ${line.fullName} đã được ${who} phê duyệt với số tiền ${previous.amount.toLocaleString('vi-VN')} đồng (khác ${amount.toLocaleString('vi-VN')} đồng).`,
      );
    }
    planned.push({
      memberId: item.memberId,
      computedAmount: line.computedAmount ?? 0,
      amount,
      adjustReason: amount !== line.computedAmount ? (item.reason ?? null) : null,
    });
  }
  if (request.all) {
    const listed = new Set(request.items.map((i) => i.memberId));
    for (const line of lines) {
      // Members whose amount cannot be computed stay unapproved; the sheet says why.
      if (listed.has(line.memberId) || line.paid || line.computedAmount === null) continue;
      // Offline, "approve all" leaves alone what someone else already approved.
      if (opts.actorUserId !== undefined && line.approval) continue;
      planned.push({
        memberId: line.memberId,
        computedAmount: line.computedAmount,
        amount: line.computedAmount,
        adjustReason: null,
      });
    }
  }
  return ok(planned);
}
