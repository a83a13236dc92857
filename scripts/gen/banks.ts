import { foldForSearch } from '../../src/domain/text/fold';
import { WeightedTable, type Rng } from './prng';

/** A bank as it appears in CITAD: its 3-digit bank code and the length of its account numbers. */
interface Bank {
  name: string;
  citadBank: string;
  accountDigits: readonly [min: number, max: number];
}

// Party orgs mostly bank with the state-owned banks; weights follow that.
const BANKS = new WeightedTable<Bank>([
  [{ name: 'Agribank', citadBank: '204', accountDigits: [13, 13] }, 30],
  [{ name: 'Vietcombank', citadBank: '203', accountDigits: [13, 13] }, 20],
  [{ name: 'VietinBank', citadBank: '201', accountDigits: [12, 12] }, 20],
  [{ name: 'BIDV', citadBank: '202', accountDigits: [12, 14] }, 18],
  [{ name: 'MB', citadBank: '311', accountDigits: [9, 13] }, 5],
  [{ name: 'Techcombank', citadBank: '310', accountDigits: [14, 14] }, 3],
  [{ name: 'SHB', citadBank: '348', accountDigits: [10, 13] }, 2],
  [{ name: 'LPBank', citadBank: '357', accountDigits: [12, 12] }, 2],
]);

export interface BankAccountDraft {
  accountNo: string;
  holder: string;
  bankName: string;
  citadCode: string;
  isActive: boolean;
}

/** The account holder as banks print it: upper case, no diacritics ("DANG BO PHUONG VIET HUNG"). */
export const bankHolderName = (orgName: string): string => foldForSearch(orgName).toUpperCase();

function account(
  rng: Rng,
  orgName: string,
  provinceCode: string,
  isActive: boolean,
): BankAccountDraft {
  const bank = BANKS.pick(rng);
  const [min, max] = bank.accountDigits;
  // Account numbers do not start with 0 at most banks; a leading 1–9 keeps them looking real.
  const accountNo = String(rng.int(1, 9)) + rng.digits(rng.int(min, max) - 1);
  const branch = String(rng.int(1, 30)).padStart(3, '0');
  return {
    accountNo,
    holder: bankHolderName(orgName),
    bankName: bank.name,
    citadCode: provinceCode + bank.citadBank + branch,
    isActive,
  };
}

/**
 * One or two accounts of an org, exactly one of them active (the other an older one kept on file).
 */
export function bankAccountsFor(
  rng: Rng,
  orgName: string,
  provinceCode: string,
): BankAccountDraft[] {
  const active = account(rng, orgName, provinceCode, true);
  if (!rng.chance(0.2)) return [active];
  const older = account(rng, orgName, provinceCode, false);
  return rng.chance(0.5) ? [older, active] : [active, older];
}
