import type { CategoryRule, ShareLevel } from '../../../../src/domain/fees/rules';
import { formatMoney } from './fee-format';

/** The levels that keep a share of the collected fees, as the rules name them. */
export const SHARE_LEVEL_VI: Record<ShareLevel, string> = {
  cell_under_grassroots: 'Chi bộ trực thuộc đảng ủy cơ sở',
  grassroots_commune_ward: 'Tổ chức cơ sở đảng xã, phường, đặc khu',
  grassroots_other: 'Tổ chức cơ sở đảng khác',
  above: 'Cấp ủy cấp trên cơ sở',
};

/** '2026-02' → '02/2026'; null → 'nay'. */
export const monthVi = (m: string | null) => (m ? `${m.slice(5)}/${m.slice(0, 4)}` : 'nay');

/** Basis points as a percentage ('1%', '0,5%'). */
export const percent = (bp: number) => `${(bp / 100).toLocaleString('vi-VN')}%`;

/** A category's rule as the version detail reads it. */
export function categoryText(rule: CategoryRule): string {
  switch (rule.kind) {
    case 'rate':
      return `${percent(rule.basisPoints)} thu nhập làm căn cứ`;
    case 'fixed':
      return `${formatMoney(rule.amount)}/tháng`;
    case 'range':
      return `từ ${formatMoney(rule.min)} đến ${formatMoney(rule.max)}/tháng`;
  }
}
