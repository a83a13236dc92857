import { UNAPPROVED_NOTE_VI, type ApprovalSheet } from '../../src/api/fees';
import { computeMonthlyFee } from '../../src/domain/fees/compute';
import type { ApprovalCandidate } from '../../src/domain/fees/approve';
import { ruleFor, type FeeRuleTable } from '../../src/domain/fees/rules';
import type { Db } from './db';
import { cellMemberFees, type CellMemberFeeRow } from './fees';

/** The cell's month as the approval screen and the approval rules see it. */
export async function approvalSheetOf(
  db: Db,
  cellId: string,
  month: string,
  rules: FeeRuleTable,
): Promise<{ sheet: ApprovalSheet; candidates: ApprovalCandidate[] }> {
  const rule = ruleFor(month, rules);
  const rows = await cellMemberFees(db, cellId, month);
  const candidates = approvalCandidatesOf(rows, month, rules);
  return {
    sheet: {
      cellId,
      month,
      ruleVersionId: rule.ok ? rule.value.id : null,
      lines: rows.map((r, i) => lineOf(r, candidates[i] as ApprovalCandidate)),
    },
    candidates,
  };
}

/**
 * Members' rows as the approval rules see them, amounts computed under the month's rule version:
 * one code path for a cell's sheet and for the bulk approval of an org's subtree.
 */
export function approvalCandidatesOf(
  rows: readonly CellMemberFeeRow[],
  month: string,
  rules: FeeRuleTable,
): ApprovalCandidate[] {
  return rows.map((r) => {
    const computed = r.profile ? computeMonthlyFee(r.profile, month, rules) : null;
    return {
      memberId: r.memberId,
      fullName: r.fullName,
      computedAmount: computed?.ok ? computed.value.amount : null,
      computeMessageVi: computed
        ? computed.ok
          ? null
          : computed.messageVi
        : 'Chưa khai báo thông tin đóng đảng phí',
      paid: r.paidStatus === 'success',
      approval: r.approval,
    };
  });
}

function lineOf(r: CellMemberFeeRow, c: ApprovalCandidate): ApprovalSheet['lines'][number] {
  return {
    memberId: r.memberId,
    fullName: r.fullName,
    computedAmount: c.computedAmount,
    computeMessageVi: c.computeMessageVi,
    approved: r.approval !== null,
    amount: r.approval?.amount ?? 0,
    adjustReason: r.approval?.adjustReason ?? null,
    note: r.approval ? null : UNAPPROVED_NOTE_VI,
    paid: r.paidStatus === 'success',
    approvedByName: r.approval?.approvedByName ?? null,
  };
}
