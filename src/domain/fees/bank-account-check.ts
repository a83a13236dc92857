import { foldForSearch } from '../text/fold';
import { bankOfCitad, TREASURY_CITAD_BANK } from './bank-bins';

/**
 * Checks of a beneficiary account against the admin guide (002): "tài khoản được ngân hàng đăng
 * kí cho tổ chức đảng, không sử dụng tài khoản cá nhân hoặc tài khoản của kho bạc".
 * - treasury: the CITAD bank is the State Treasury or the bank name says so: refused on write.
 * - personal_holder: the holder is not named like an organization: refused on write, flagged on
 *   accounts already stored (older data) so the superior's admin cross-checks them.
 * - bank_unknown: the CITAD bank code is not one we know, so no VietQR can be drawn: flagged.
 */
export type BankAccountFlag = 'treasury' | 'personal_holder' | 'bank_unknown';

export const bankAccountFlagLabelVi = {
  treasury: 'Tài khoản kho bạc (không được dùng để thu đảng phí)',
  personal_holder: 'Chủ tài khoản không phải tổ chức đảng (nghi là tài khoản cá nhân)',
  bank_unknown: 'Mã ngân hàng trong mã CITAD không có trong danh mục',
} as const satisfies Record<BankAccountFlag, string>;

/** Words an organization's account name carries, folded (upper case, no diacritics). */
const ORG_WORDS = [
  'DANG BO',
  'DANG UY',
  'CHI BO',
  'TINH UY',
  'THANH UY',
  'HUYEN UY',
  'QUAN UY',
  'VAN PHONG',
  'BAN TO CHUC',
  'CO QUAN',
  'UY BAN',
  'TO CHUC',
];

export function looksLikeOrgHolder(holder: string): boolean {
  const folded = ` ${foldForSearch(holder).toUpperCase().replace(/\s+/g, ' ')} `;
  return ORG_WORDS.some((w) => folded.includes(` ${w} `));
}

export function bankAccountFlags(account: {
  holder: string;
  bankName: string;
  citadCode: string;
}): BankAccountFlag[] {
  const flags: BankAccountFlag[] = [];
  const bank = bankOfCitad(account.citadCode);
  const name = foldForSearch(account.bankName).toUpperCase();
  if (bank?.citadBank === TREASURY_CITAD_BANK || name.includes('KHO BAC') || /\bKBNN\b/.test(name))
    flags.push('treasury');
  if (!looksLikeOrgHolder(account.holder)) flags.push('personal_holder');
  if (!bank) flags.push('bank_unknown');
  return flags;
}

/** Flags that refuse a write (the others are warnings the admin sees). */
export const REFUSING_FLAGS: readonly BankAccountFlag[] = ['treasury', 'personal_holder'];
