import { fail, ok, type Result } from '../common/result';
import type { FeeProfile } from './profile';
import { ruleFor, type FeeRuleTable, type Rounding } from './rules';

export interface MonthlyFee {
  /** Due amount including the voluntary extra, whole đồng. */
  amount: number;
  /** The part set by the rules, before the voluntary extra. */
  due: number;
  voluntaryExtra: number;
  ruleVersionId: string;
}

export type MonthlyFeeCode =
  | 'no_rule'
  | 'base_missing'
  | 'fixed_amount_missing'
  | 'fixed_amount_out_of_range'
  | 'exemption_unknown'
  | 'voluntary_extra_not_allowed';

/**
 * Rate × base in whole đồng. Half-up: 1% of 4,960,050 đ is 49,600.5 → 49,601 đ. Integer maths
 * only (rate in basis points), so no binary-fraction surprise at .5.
 */
export function applyRate(base: number, basisPoints: number, rounding: Rounding): number {
  switch (rounding) {
    case 'half_up':
      return Math.floor((base * basisPoints + 5_000) / 10_000);
  }
}

/** The amount a member owes for a month under the rule version in force that month. */
export function computeMonthlyFee(
  profile: FeeProfile,
  month: string,
  rules: FeeRuleTable,
): Result<MonthlyFee, MonthlyFeeCode> {
  const found = ruleFor(month, rules);
  if (!found.ok) return found;
  const rule = found.value;
  const extra = profile.voluntaryExtra;
  if (extra > 0 && !rule.voluntaryExtra)
    return fail(
      'voluntary_extra_not_allowed',
      `rule ${rule.id} allows no voluntary extra`,
      'Quy định hiện hành không cho phép đóng thêm tự nguyện',
    );
  const done = (due: number) =>
    ok({ amount: due + extra, due, voluntaryExtra: extra, ruleVersionId: rule.id });
  if (profile.exemption !== null) {
    if (!rule.exemptions.includes(profile.exemption))
      return fail(
        'exemption_unknown',
        `exemption "${profile.exemption}" is not one of ${rule.id}: ${rule.exemptions.join(', ')}`,
        'Lý do miễn đảng phí không có trong quy định',
      );
    return done(0);
  }
  const c = rule.categories[profile.category];
  switch (c.kind) {
    case 'rate':
      if (profile.base === null)
        return fail(
          'base_missing',
          `category ${profile.category} needs a base (insured salary, pension or allowance)`,
          'Chưa nhập mức lương, trợ cấp làm căn cứ tính đảng phí',
        );
      return done(applyRate(profile.base, c.basisPoints, rule.rounding));
    case 'fixed':
      return done(c.amount);
    case 'range': {
      const chosen = profile.fixedAmount;
      if (chosen === null)
        return fail(
          'fixed_amount_missing',
          `category ${profile.category} needs a fixed amount within ${c.min}–${c.max}`,
          'Chưa nhập mức đảng phí cố định',
        );
      if (chosen < c.min || chosen > c.max)
        return fail(
          'fixed_amount_out_of_range',
          `fixed amount ${chosen} is outside ${c.min}–${c.max} of ${rule.id}`,
          `Mức đảng phí phải từ ${c.min.toLocaleString('vi-VN')} đến ${c.max.toLocaleString('vi-VN')} đồng`,
        );
      return done(chosen);
    }
  }
}
