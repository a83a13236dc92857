import { z } from 'zod';
import { fail, ok, type Result } from '../common/result';
import { Id, NonBlankText } from '../common/schemas';
import { BankAccountNo } from '../validation/bank-account-no';
import { CitadCode } from '../validation/citad-code';

/** A beneficiary account (tài khoản thụ hưởng) of an org that collects party fees. */
export const BankAccount = z.object({
  id: Id,
  orgId: Id,
  accountNo: BankAccountNo,
  /** Must be the organization, not a person or the treasury (directive); not machine-checkable. */
  holder: NonBlankText(200),
  /** Name or short code of the bank, as typed in the admin screen ("MB"). */
  bankName: NonBlankText(200),
  citadCode: CitadCode,
  /** "Sử dụng": the account payments go to. */
  isActive: z.boolean(),
});
export type BankAccount = z.infer<typeof BankAccount>;

export type BankAccountsCode =
  | 'bank_account_missing'
  | 'bank_accounts_of_several_orgs'
  | 'bank_account_none_active'
  | 'bank_account_several_active';

/**
 * The accounts of one fee-collecting org: at least one, exactly one active. Returns the active
 * account, the one payments go to.
 */
export function validateBankAccounts(
  accounts: readonly BankAccount[],
): Result<BankAccount, BankAccountsCode> {
  const first = accounts[0];
  if (first === undefined) {
    return fail(
      'bank_account_missing',
      'a fee-collecting org needs at least one bank account, none is registered',
      'Tổ chức đảng thu đảng phí phải có ít nhất một tài khoản thụ hưởng',
    );
  }
  const orgIds = [...new Set(accounts.map((a) => a.orgId))];
  if (orgIds.length > 1) {
    return fail(
      'bank_accounts_of_several_orgs',
      `the bank accounts belong to ${orgIds.length} orgs (${orgIds.join(', ')}); validate one org's accounts at a time`,
      'Danh sách tài khoản thuộc nhiều tổ chức đảng khác nhau',
    );
  }
  const active = accounts.filter((a) => a.isActive);
  const [only] = active;
  if (only === undefined) {
    return fail(
      'bank_account_none_active',
      `none of the ${accounts.length} bank account(s) of org ${first.orgId} is active; exactly one must be`,
      'Chưa chọn tài khoản sử dụng: phải có đúng một tài khoản thụ hưởng đang sử dụng',
    );
  }
  if (active.length > 1) {
    const numbers = active.map((a) => a.accountNo).join(', ');
    return fail(
      'bank_account_several_active',
      `${active.length} bank accounts of org ${first.orgId} are active (${numbers}); exactly one must be`,
      `Chỉ được chọn một tài khoản sử dụng (đang chọn ${active.length} tài khoản: ${numbers})`,
    );
  }
  return ok(only);
}
