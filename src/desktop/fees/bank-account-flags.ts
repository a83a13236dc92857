import { validateBankAccounts, type BankAccount } from '../../domain/org/bank-account';
import { bankAccountFlagLabelVi, bankAccountFlags } from '../../domain/fees/bank-account-check';
import { validateCitadCode } from '../../domain/validation/citad-code';

// What the superior's admin cross-checks on the beneficiary accounts of the orgs below (admin
// guide, "Tài khoản ngân hàng"): exactly one active organizational account with an 8-digit
// CITAD code, never a person's or the State Treasury's (the rules of src/domain/fees).

/** Findings about one account, in Vietnamese (empty when nothing is wrong). */
export function accountFlags(
  account: Pick<BankAccount, 'holder' | 'bankName' | 'citadCode'>,
): string[] {
  const flags: string[] = bankAccountFlags(account).map((f) => bankAccountFlagLabelVi[f]);
  const citad = validateCitadCode(account.citadCode);
  if (!citad.ok) flags.push(citad.messageVi);
  return flags;
}

/** Findings about an org's accounts as a whole: none, none active, several active. */
export function orgAccountFlags(accounts: readonly BankAccount[]): string[] {
  const checked = validateBankAccounts(accounts);
  return checked.ok ? [] : [checked.messageVi];
}
