import { CELL_FEE_ROLES } from '../../src/api/access';
import { feeApprovalRouteSpecs, UNAPPROVED_NOTE_VI, type ApprovalSheet } from '../../src/api/fees';
import { planApprovals } from '../../src/domain/fees/approve';
import { ruleFor } from '../../src/domain/fees/rules';
import { badRequest, forbidden, notFound } from '../errors';
import type { Register } from '../http/register-route';
import { cellMemberFees, saveApprovals, upsertFeeProfile } from '../repositories/fees';
import { approveOrgMonth } from '../repositories/fees-bulk-approve';
import { collectingAccount } from '../repositories/fees-payments';
import { loadFeeRules } from '../repositories/fees-rules';
import { approvalSheetOf } from '../repositories/fees-sheet';
import { findVisibleMember } from '../repositories/members';
import { findOrg } from '../repositories/orgs';
import { cellFor, hasRoleOver, homeCellOf, type FeeRouteDeps } from './fees-access';
import { conflict } from './fees-refusals';

/** Fee profiles, a cell's monthly approvals, an org's month at once, what a member owes. */
export function feeApprovalRoutes(route: Register, { ctx, config }: FeeRouteDeps): void {
  const s = feeApprovalRouteSpecs;

  async function sheet(cell: { id: string; path: string }, month: string): Promise<ApprovalSheet> {
    const [{ sheet }, account] = await Promise.all([
      approvalSheetOf(ctx.db, cell.id, month, await loadFeeRules(ctx.db)),
      collectingAccount(ctx.db, cell.path),
    ]);
    const owner = account && (await findOrg(ctx.db, account.orgId));
    const collecting = account && {
      orgName: owner?.name ?? '',
      holder: account.holder,
      accountNo: account.accountNo,
      bankName: account.bankName,
    };
    return { ...sheet, collectingAccount: collecting };
  }

  route(s.putFeeProfile, async ({ params, body, caller }) => {
    const member = await findVisibleMember(ctx.db, caller.scope, params.memberId);
    if (!member) throw notFound();
    const home = await findOrg(ctx.db, member.homeOrgId);
    if (!home || !hasRoleOver(caller, CELL_FEE_ROLES, home.path)) throw forbidden();
    if (body.base !== null && body.base > config.amountCeiling * 100)
      throw badRequest(
        'base',
        'base is beyond any plausible salary',
        'Mức lương làm căn cứ không hợp lệ.',
      );
    return upsertFeeProfile(ctx.db, member.id, body, caller.user.id, ctx.now());
  });

  route(s.approvalSheet, async ({ params, query, caller }) => {
    const cell = await cellFor(ctx, params.cellId);
    if (!hasRoleOver(caller, CELL_FEE_ROLES, cell.path)) throw forbidden();
    return sheet(cell, query.month);
  });

  route(s.approve, async ({ params, body, caller }) => {
    const cell = await cellFor(ctx, params.cellId);
    if (!hasRoleOver(caller, CELL_FEE_ROLES, cell.path)) throw forbidden();
    const rules = await loadFeeRules(ctx.db);
    const rule = ruleFor(body.month, rules);
    if (!rule.ok) throw badRequest('month', rule.message, rule.messageVi);
    const { candidates } = await approvalSheetOf(ctx.db, cell.id, body.month, rules);
    const plan = planApprovals(candidates, body, { ceiling: config.amountCeiling });
    if (!plan.ok) {
      if (plan.code === 'already_paid') throw conflict(plan.message, plan.messageVi);
      throw badRequest(plan.field ?? 'items', plan.message, plan.messageVi);
    }
    await saveApprovals(
      ctx.db,
      cell.id,
      body.month,
      plan.value.map((p) => ({ ...p, ruleVersion: rule.value.id })),
      caller.user.id,
      ctx.now(),
    );
    return sheet(cell, body.month);
  });

  route(s.memberDue, async ({ params, query, caller }) => {
    const own = caller.user.memberId === params.memberId;
    const member = own
      ? { id: params.memberId }
      : await findVisibleMember(ctx.db, caller.scope, params.memberId);
    if (!member) throw notFound();
    const home = await homeCellOf(ctx, params.memberId);
    const [line] = await cellMemberFees(ctx.db, home, query.month, [params.memberId]);
    if (!line) throw notFound();
    return {
      memberId: line.memberId,
      month: query.month,
      amount: line.approval?.amount ?? 0,
      approved: line.approval !== null,
      paid: line.paidStatus === 'success',
      note: line.approval ? null : UNAPPROVED_NOTE_VI,
    };
  });

  route(s.approveOrgMonth, async ({ params, body, caller, request }) => {
    const org = await findOrg(ctx.db, params.orgId);
    if (!org) throw notFound();
    if (!hasRoleOver(caller, s.approveOrgMonth.access.roles, org.path)) throw forbidden();
    const rules = await loadFeeRules(ctx.db);
    const rule = ruleFor(body.month, rules);
    if (!rule.ok) throw badRequest('month', rule.message, rule.messageVi);
    const profile = { readMs: 0, planMs: 0, writeMs: 0 };
    const counts = await approveOrgMonth(ctx.db, {
      orgPath: org.path,
      month: body.month,
      rules,
      ruleVersion: rule.value.id,
      ceiling: config.amountCeiling,
      userId: caller.user.id,
      now: ctx.now(),
      profile,
    });
    // A province's month takes seconds: say where they went (read, plan, write).
    const fees = { orgId: org.id, month: body.month, ...counts, profile };
    request.log.info({ fees }, 'bulk fee approval');
    return { orgId: org.id, month: body.month, ruleVersionId: rule.value.id, ...counts };
  });
}
