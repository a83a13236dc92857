import { createHash } from 'node:crypto';
import {
  feeAdminRouteSpecs,
  UNAPPROVED_NOTE_VI,
  type FeeRulesResponse,
  type OrgReportResponse,
} from '../../src/api/fees';
import { orgReportPdf, orgReportWorkbook } from '../../src/documents/ledger/org-report-doc';
import { readStatementFile } from '../../src/documents/ledger/statement-file';
import {
  bankAccountFlagLabelVi,
  bankAccountFlags,
  REFUSING_FLAGS,
} from '../../src/domain/fees/bank-account-check';
import { bankOfCitad } from '../../src/domain/fees/bank-bins';
import { buildOrgReport } from '../../src/domain/fees/org-report';
import { appendRuleVersion, ruleFor } from '../../src/domain/fees/rules';
import { vietQrPayload } from '../../src/domain/fees/vietqr';
import { allocationDirectionLabelVi, BankAccount, validateBankAccounts } from '../../src/domain/org/org'; // prettier-ignore
import { isCell } from '../../src/domain/org/org-types';
import type { Caller } from '../auth/caller';
import type { ServerContext } from '../context';
import { badRequest, forbidden, HttpError, notFound } from '../errors';
import type { Register } from '../http/register-route';
import type { FeesConfig } from '../payments/config';
import { cellMemberFees } from '../repositories/fees';
import { saveBankAccount, subtreeBankAccounts } from '../repositories/fees-bank-accounts';
import { approveOrgMonth } from '../repositories/fees-bulk-approve';
import { collectingAccount } from '../repositories/fees-payments';
import { orgReportRows } from '../repositories/fees-report';
import { feeRuleAuthors, insertFeeRule, loadFeeRules } from '../repositories/fees-rules';
import { importStatementLines, recordVietqrRequest } from '../repositories/fees-statements';
import { statementLineId } from '../repositories/fees-statement-match';
import { findOrg } from '../repositories/orgs';
import { pathIds } from '../scope/scope';
import { cellFor, CELL_FEE_ROLES, hasRoleOver, STAFF_ROLES } from './fees-access';
import { feeStatementLineRoutes, UNMATCHED_REASON_VI } from './fees-statement-lines';

const conflict = (message: string, messageVi: string) =>
  new HttpError(409, { error: 'conflict', message, messageVi });

/** Roles that import statements and keep accounts in order (the fee officer and the admin). */
const ACCOUNT_ROLES = ['fee_officer', 'admin'];
/** Roles that approve a month for every cell under an org at once. */
const ORG_APPROVE_ROLES = [...CELL_FEE_ROLES, 'admin'];
const monthVi = (m: string) => `${m.slice(5)}/${m.slice(0, 4)}`;

/** Admin of the top org (the root of the tree): the only one who corrects the fee rules. */
const isTopAdmin = (caller: Caller) =>
  caller.scope.grants.some((g) => g.role === 'admin' && pathIds(g.path).length === 1);

/** Rules, VietQR, bank statements, the org report and the bank accounts (decision 0011). */
export function feeAdminRoutes(route: Register, ctx: ServerContext, config: FeesConfig): void {
  const s = feeAdminRouteSpecs;
  feeStatementLineRoutes(route, ctx);

  async function rulesView(): Promise<FeeRulesResponse> {
    const [rules, authors] = await Promise.all([loadFeeRules(ctx.db), feeRuleAuthors(ctx.db)]);
    const byId = new Map(authors.map((a) => [a.id, a]));
    const current = ruleFor(ctx.now().toISOString().slice(0, 7), rules);
    return {
      items: rules.map((version) => {
        const a = byId.get(version.id);
        return {
          version,
          createdByName: a?.full_name ?? null,
          createdAt: a && a.full_name !== null ? a.created_at : null,
        };
      }),
      currentId: current.ok ? current.value.id : null,
    };
  }

  route(s.rules, async () => rulesView());

  route(s.appendRule, async ({ body, caller }) => {
    if (!isTopAdmin(caller)) throw forbidden();
    const appended = appendRuleVersion(await loadFeeRules(ctx.db), body);
    if (!appended.ok) {
      if (appended.code === 'rule_id_taken' || appended.code === 'rule_seq_not_last')
        throw conflict(appended.message, appended.messageVi);
      throw badRequest('body', appended.message, appended.messageVi);
    }
    if (!(await insertFeeRule(ctx.db, body, caller.user.id, ctx.now())))
      throw conflict(
        `rule ${body.id} or seq ${body.seq} was taken meanwhile`,
        'Một phiên bản khác vừa được thêm. Vui lòng tải lại và thử lại.',
      );
    return rulesView();
  });

  route(s.vietqr, async ({ params, query, caller }) => {
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
    if (unapproved) throw conflict(`${unapproved.memberId}: not approved`, `${unapproved.fullName}: ${UNAPPROVED_NOTE_VI}`); // prettier-ignore
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
    if (amount > config.amountCeiling)
      throw badRequest('memberIds', `total ${amount} exceeds ${config.amountCeiling}`, 'Tổng số tiền vượt quá mức tối đa cho phép; chia thành nhiều lần nộp.'); // prettier-ignore
    const account = await collectingAccount(ctx.db, cell.path);
    if (!account) throw conflict('no active bank account', 'Tổ chức đảng chưa có tài khoản thụ hưởng đang sử dụng.'); // prettier-ignore
    const bank = bankOfCitad(account.citadCode);
    if (!bank?.bin)
      throw conflict(
        `no NAPAS BIN for CITAD ${account.citadCode}`,
        'Ngân hàng của tài khoản thụ hưởng chưa hỗ trợ VietQR; vui lòng nộp qua cổng thanh toán.',
      );
    const items = payable.map((l) => ({ memberId: l.memberId, amount: l.approval?.amount ?? 0 }));
    // The same request gives the same reference: drawing the code again does not duplicate it.
    const digest = createHash('sha256')
      .update(JSON.stringify([cell.id, query.month, account.id, items]))
      .digest('hex')
      .slice(0, 10)
      .toUpperCase();
    const reference = `DPQ${query.month.slice(2, 4)}${query.month.slice(5)}${digest}`;
    const payload = vietQrPayload({ bin: bank.bin, accountNo: account.accountNo, amount, reference }); // prettier-ignore
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

  route(s.importStatement, async ({ params, body, caller }) => {
    const org = await findOrg(ctx.db, params.orgId);
    if (!org) throw notFound();
    if (!hasRoleOver(caller, ACCOUNT_ROLES, org.path)) throw forbidden();
    const account = await collectingAccount(ctx.db, `${org.path}`);
    if (!account || account.orgId !== org.id)
      throw conflict('the org has no active account of its own', 'Tổ chức đảng chưa có tài khoản thụ hưởng đang sử dụng.'); // prettier-ignore
    const bytes = Buffer.from(body.dataBase64, 'base64');
    const empty = { imported: 0, alreadyImported: 0, matched: [], unmatched: [] };
    // Size, zip-bomb and row limits are checked before anything is inflated or parsed.
    const parsed = await readStatementFile(bytes, { ceiling: config.amountCeiling });
    if (!parsed.ok)
      return {
        ...empty,
        accepted: false,
        problems: parsed.problems ?? [{ lineNo: 1, message: parsed.message, messageVi: parsed.messageVi }], // prettier-ignore
      };
    if (parsed.value.length === 0) return { ...empty, accepted: true, problems: [] };
    const done = await importStatementLines(ctx.db, account, parsed.value, { userId: caller.user.id }, ctx.now()); // prettier-ignore
    const view = (l: (typeof parsed.value)[number]) => ({
      lineNo: l.lineNo,
      date: l.date,
      amount: l.amount,
      description: l.description,
      bankReference: l.bankReference,
    });
    const reasonVi = UNMATCHED_REASON_VI;
    return {
      accepted: true,
      problems: [],
      imported: done.matched.length + done.unmatched.length,
      alreadyImported: done.alreadyImported,
      matched: done.matched.map((m) => ({ ...view(m.line), paymentId: m.paymentId, reference: m.reference })), // prettier-ignore
      unmatched: done.unmatched.map((u) => ({ ...view(u.line), reason: u.reason, reasonVi: reasonVi[u.reason], lineId: statementLineId(account.id, u.line.bankReference) })), // prettier-ignore
    };
  });

  route(s.approveOrgMonth, async ({ params, body, caller, request }) => {
    const org = await findOrg(ctx.db, params.orgId);
    if (!org) throw notFound();
    if (!hasRoleOver(caller, ORG_APPROVE_ROLES, org.path)) throw forbidden();
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
    request.log.info({ fees: { orgId: org.id, month: body.month, ...counts, profile } }, 'bulk fee approval'); // prettier-ignore
    return { orgId: org.id, month: body.month, ruleVersionId: rule.value.id, ...counts };
  });

  route(s.orgReport, async ({ params, query, caller }) => {
    const org = await findOrg(ctx.db, params.orgId);
    if (!org) throw notFound();
    if (!hasRoleOver(caller, STAFF_ROLES, org.path)) throw forbidden();
    const year = query.month ? Number(query.month.slice(0, 4)) : (query.year as number);
    const months = query.month
      ? [query.month]
      : Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const to = months[months.length - 1] as string;
    const rows = await orgReportRows(ctx.db, org, `${year}-01`, to);
    const report = buildOrgReport({
      ...rows,
      rootId: org.id,
      months,
      rules: await loadFeeRules(ctx.db),
    });
    const nameOf = (id: string) => rows.orgs.get(id)?.name ?? id;
    const answer: OrgReportResponse = {
      orgId: org.id,
      orgName: org.name,
      period: query.month ?? String(year),
      cells: report.cells.map((c) => {
        const o = rows.orgs.get(c.cellId);
        return { ...c, code: o?.code ?? '', name: o?.name ?? c.cellId, parentId: o?.parentId ?? null }; // prettier-ignore
      }),
      orgs: report.orgs.map((o) => ({
        ...o,
        name: nameOf(o.orgId),
        parentId: rows.orgs.get(o.orgId)?.parentId ?? null,
        depth: rows.orgs.get(o.orgId)?.depth ?? 0,
      })),
      totals: report.totals,
      split: report.split.map((sp) => ({
        ...sp,
        parts: sp.parts.map((p) => ({ ...p, name: nameOf(p.orgId) })),
      })),
      file: null,
    };
    if (query.format === 'json') return answer;
    const superior = org.parentId ? rows.orgs.get(org.parentId) : undefined;
    const doc = {
      orgName: org.name,
      superiorOrgName: superior?.name,
      place: org.province ?? '',
      date: ctx.now(),
      periodVi: query.month ? `tháng ${monthVi(query.month)}` : `năm ${year}`,
      cells: answer.cells,
      totals: answer.totals,
      split: answer.split.map((sp) => ({
        ...sp,
        directionVi: allocationDirectionLabelVi[sp.direction],
      })),
    };
    const base = `bao-cao-dang-phi-${org.code}-${answer.period}`;
    answer.file =
      query.format === 'xlsx'
        ? {
            fileName: `${base}.xlsx`,
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            dataBase64: (await orgReportWorkbook(doc)).toString('base64'),
          }
        : {
            fileName: `${base}.pdf`,
            contentType: 'application/pdf',
            dataBase64: Buffer.from(await orgReportPdf(doc)).toString('base64'),
          };
    return answer;
  });

  route(s.subordinateBankAccounts, async ({ params, caller }) => {
    const org = await findOrg(ctx.db, params.orgId);
    if (!org) throw notFound();
    if (!hasRoleOver(caller, ACCOUNT_ROLES, org.path)) throw forbidden();
    const orgs = await subtreeBankAccounts(ctx.db, org.path);
    return {
      items: orgs.map((o) => {
        const checked = validateBankAccounts(o.accounts);
        return {
          orgId: o.id,
          orgCode: o.code,
          orgName: o.name,
          parentId: o.parent_id,
          depth: o.depth,
          accounts: o.accounts.map((a) => {
            const flags = bankAccountFlags(a);
            return {
              ...a,
              flags,
              flagsVi: flags.map((f) => bankAccountFlagLabelVi[f]),
              bin: bankOfCitad(a.citadCode)?.bin ?? null,
            };
          }),
          // Orgs without an account collect through the nearest org above that has one.
          problemsVi: checked.ok || o.accounts.length === 0 ? [] : [checked.messageVi],
        };
      }),
    };
  });

  route(s.putBankAccount, async ({ params, body, caller }) => {
    const org = await findOrg(ctx.db, params.id);
    if (!org) throw notFound();
    if (!hasRoleOver(caller, ['admin'], org.path)) throw forbidden();
    if (isCell(org.type) && org.status !== 'active') throw conflict('org is not active', 'Tổ chức đảng không còn hoạt động.'); // prettier-ignore
    const parsed = BankAccount.safeParse({ id: params.accountId, orgId: org.id, ...body });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? 'body');
      throw badRequest(field, issue?.message ?? 'invalid', viMessageOf(issue) ?? undefined);
    }
    const flags = bankAccountFlags(parsed.data);
    const refusing = flags.filter((f) => REFUSING_FLAGS.includes(f));
    if (refusing.length > 0)
      throw badRequest(
        refusing.includes('treasury') ? 'citadCode' : 'holder',
        `account refused: ${refusing.join(', ')}`,
        `${refusing.map((f) => bankAccountFlagLabelVi[f]).join('; ')}. Chỉ dùng tài khoản được ngân hàng đăng ký cho tổ chức đảng.`,
      );
    const saved = await saveBankAccount(ctx.db, parsed.data, ctx.now());
    if (!saved.ok) throw conflict('the account id belongs to another org', 'Mã tài khoản thuộc tổ chức đảng khác.'); // prettier-ignore
    return { ...parsed.data, flags, rev: saved.rev };
  });
}

/** Our validators put the Vietnamese message in the issue's params (see common/zod-result). */
function viMessageOf(issue: { message: string } | undefined): string | null {
  const params = (issue as { params?: { messageVi?: unknown } } | undefined)?.params;
  return typeof params?.messageVi === 'string' ? params.messageVi : null;
}
