import { ACCOUNT_ROLES } from '../../src/api/access';
import { feeBankAccountRouteSpecs } from '../../src/api/fees';
import {
  bankAccountFlagLabelVi,
  bankAccountFlags,
  REFUSING_FLAGS,
} from '../../src/domain/fees/bank-account-check';
import { bankOfCitad } from '../../src/domain/fees/bank-bins';
import { BankAccount, validateBankAccounts } from '../../src/domain/org/org';
import { isCell } from '../../src/domain/org/org-types';
import { badRequest, forbidden, notFound } from '../errors';
import type { Register } from '../http/register-route';
import { saveBankAccount, subtreeBankAccounts } from '../repositories/fees-bank-accounts';
import { findOrg } from '../repositories/orgs';
import { hasRoleOver, type FeeRouteDeps } from './fees-access';
import { conflict } from './fees-refusals';

/** Our validators put the Vietnamese message in the issue's params (see common/zod-result). */
function viMessageOf(issue: { message: string } | undefined): string | null {
  const params = (issue as { params?: { messageVi?: unknown } } | undefined)?.params;
  return typeof params?.messageVi === 'string' ? params.messageVi : null;
}

/** An account with its flags as the superior's cross-check shows them. */
function flaggedAccount(account: BankAccount) {
  const flags = bankAccountFlags(account);
  return {
    ...account,
    flags,
    flagsVi: flags.map((f) => bankAccountFlagLabelVi[f]),
    bin: bankOfCitad(account.citadCode)?.bin ?? null,
  };
}

/** The beneficiary accounts: the superior's cross-check of those below, adding or changing one. */
export function feeBankAccountRoutes(route: Register, { ctx }: FeeRouteDeps): void {
  const s = feeBankAccountRouteSpecs;

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
          accounts: o.accounts.map(flaggedAccount),
          // Orgs without an account collect through the nearest org above that has one.
          problemsVi: checked.ok || o.accounts.length === 0 ? [] : [checked.messageVi],
        };
      }),
    };
  });

  route(s.putBankAccount, async ({ params, body, caller }) => {
    const org = await findOrg(ctx.db, params.id);
    if (!org) throw notFound();
    if (!hasRoleOver(caller, s.putBankAccount.access.roles, org.path)) throw forbidden();
    if (isCell(org.type) && org.status !== 'active')
      throw conflict('org is not active', 'Tổ chức đảng không còn hoạt động.');
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
    if (!saved.ok)
      throw conflict(
        'the account id belongs to another org',
        'Mã tài khoản thuộc tổ chức đảng khác.',
      );
    return { ...parsed.data, flags, rev: saved.rev };
  });
}
