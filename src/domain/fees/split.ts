import type { AllocationDirection } from '../org/org';
import type { OrgType } from '../org/org-types';
import { fail, ok, type Result } from '../common/result';
import type { FeeRuleVersion, ShareLevel } from './rules';

/** One org on the way from the collecting org (first) to the top (last). */
export interface ChainOrg {
  orgId: string;
  type: OrgType;
  /** The grassroots org of a commune or ward (it keeps more under 342). */
  communeOrWard?: boolean;
  /** Share a cell under a grassroots committee keeps, as set by that committee (basis points). */
  shareBasisPoints?: number;
}

export interface SplitPart {
  orgId: string;
  level: ShareLevel | 'top';
  amount: number;
}

/** Which share rule applies to an org of the chain. */
export function shareLevelOf(org: ChainOrg): ShareLevel {
  if (org.type === 'affiliated_cell') return 'cell_under_grassroots';
  if (org.type === 'grassroots_cell' || org.type === 'grassroots_committee')
    return org.communeOrWard ? 'grassroots_commune_ward' : 'grassroots_other';
  return 'above';
}

/**
 * Splits collected fees between the levels of `chain` under one rule version (`ruleFor` the month):
 * each level keeps its share of what reached it and passes the rest up; the top keeps what reaches
 * it. Each part is the exact share rounded down, and the rounding remainder goes to the level that
 * holds the money first — the collecting org when allocating bottom-up, the top when allocating
 * top-down — so parts always sum to the amount exactly.
 */
export function splitAmount(
  amount: number,
  chain: readonly ChainOrg[],
  rule: FeeRuleVersion,
  direction: AllocationDirection,
): Result<SplitPart[], 'empty_chain' | 'share_out_of_range' | 'bad_amount'> {
  if (!Number.isSafeInteger(amount) || amount < 0)
    return fail(
      'bad_amount',
      `amount ${amount} is not whole non-negative đồng`,
      'Số tiền không hợp lệ',
    );
  if (chain.length === 0)
    return fail('empty_chain', 'no org to split between', 'Không có tổ chức đảng để phân bổ');
  const shares = rule.shares;
  // Exact fractions over a common BigInt denominator 10000^levels.
  const total = BigInt(amount);
  let remaining = 1n; // numerator of what reaches the level, over `denominator`
  let denominator = 1n;
  const exact: { org: ChainOrg; level: ShareLevel | 'top'; num: bigint; den: bigint }[] = [];
  for (const [i, org] of chain.entries()) {
    if (i === chain.length - 1) {
      exact.push({ org, level: 'top', num: remaining, den: denominator });
      break;
    }
    const level = shareLevelOf(org);
    const rule = shares[level];
    const bp = org.shareBasisPoints ?? rule.default;
    if (bp < rule.min || bp > rule.max)
      return fail(
        'share_out_of_range',
        `share ${bp} bp of ${org.orgId} is outside ${rule.min}–${rule.max} for ${level}`,
        'Tỷ lệ trích giữ lại không đúng quy định',
      );
    exact.push({ org, level, num: remaining * BigInt(bp), den: denominator * 10_000n });
    remaining = remaining * BigInt(10_000 - bp);
    denominator = denominator * 10_000n;
  }
  const parts = exact.map((e) => ({
    orgId: e.org.orgId,
    level: e.level,
    amount: Number((total * e.num) / e.den),
  }));
  const holder = direction === 'bottom_up' ? parts[0] : parts[parts.length - 1];
  const sum = parts.reduce((s, p) => s + p.amount, 0);
  if (holder) holder.amount += amount - sum;
  return ok(parts);
}
