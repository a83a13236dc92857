import type { FeeApprovalMutation, PushResult, PushStatus } from '../../src/api/push';
import { planApprovals, type ApprovalCode } from '../../src/domain/fees/approve';
import { ruleFor } from '../../src/domain/fees/rules';
import { isCell } from '../../src/domain/org/org-types';
import type { Caller } from '../auth/caller';
import type { Db, Trx } from './db';
import { saveApprovals } from './fees';
import { loadFeeRules } from './fees-rules';
import { approvalSheetOf } from './fees-sheet';
import { findOrg } from './orgs';
import { applyOnce } from './push';

/** Roles that approve a cell's monthly amounts (the same as POST approvals). */
export const CELL_FEE_ROLES = ['approver', 'fee_officer'];

const STATUS_OF: Record<ApprovalCode, PushStatus> = {
  not_in_cell: 'invalid',
  no_computed_amount: 'invalid',
  over_ceiling: 'invalid',
  reason_missing: 'invalid',
  already_paid: 'conflict',
  approved_by_other: 'conflict',
};

/**
 * Applies an approval queued offline, exactly once: the mutation id is claimed in the same
 * transaction (push_mutations, as for dossiers) and the answer stored with it, so a retried push
 * gets the first answer back. A month someone else approved meanwhile at another amount is a
 * conflict that names them; nothing of the mutation is applied then.
 */
export async function applyFeeApproval(
  db: Db,
  now: () => Date,
  caller: Caller,
  m: FeeApprovalMutation,
  ceiling: number,
): Promise<PushResult> {
  const rules = await loadFeeRules(db);
  const answer = (
    status: PushStatus,
    code: string | null,
    message: string,
    messageVi: string,
  ): PushResult => ({ id: m.id, status, rev: null, code, message, messageVi });
  return applyOnce(db, now, caller.user.id, m.id, decide);

  async function decide(trx: Trx, at: Date): Promise<PushResult> {
    const cell = await findOrg(trx, m.entityId);
    if (!cell || !isCell(cell.type))
      return answer('invalid', 'not_found', 'no such cell', 'Không tìm thấy chi bộ.');
    if (
      !caller.scope.grants.some(
        (g) => CELL_FEE_ROLES.includes(g.role) && cell.path.startsWith(g.path),
      )
    )
      return answer(
        'forbidden',
        'out_of_scope',
        'approving this cell is not among your roles',
        'Bạn không có quyền phê duyệt đảng phí của chi bộ này.',
      );
    const { month } = m.action;
    const rule = ruleFor(month, rules);
    if (!rule.ok) return answer('invalid', rule.code, rule.message, rule.messageVi);
    const { candidates } = await approvalSheetOf(trx, cell.id, month, rules);
    const plan = planApprovals(candidates, m.action, { ceiling, actorUserId: caller.user.id });
    if (!plan.ok) return answer(STATUS_OF[plan.code], plan.code, plan.message, plan.messageVi);
    await saveApprovals(
      trx,
      cell.id,
      month,
      plan.value.map((p) => ({ ...p, ruleVersion: rule.value.id })),
      caller.user.id,
      at,
    );
    return answer(
      'applied',
      null,
      `approved ${plan.value.length} member(s)`,
      `Đã phê duyệt đảng phí tháng ${month.slice(5)}/${month.slice(0, 4)} cho ${plan.value.length} đảng viên.`,
    );
  }
}
