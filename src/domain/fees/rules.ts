import { z } from 'zod';
import { fail, ok, type Result } from '../common/result';
import { FeeMonth } from './money';

/** Member categories of the fee rules (the rate or fixed amount depends on the category). */
export const FeeCategory = z.enum([
  /** Pays compulsory social insurance: a rate of the previous month's insured salary. */
  'salaried',
  /** Draws a pension or social-insurance allowance: a rate of it. */
  'pensioner',
  /** Pupil or student without income: a fixed amount. */
  'student',
  /** Abroad with an allowance: a rate of it. */
  'abroad_allowance',
  /** Abroad without a known allowance: a fixed amount chosen within a range. */
  'abroad_fixed',
  /** Everyone else (farmers, self-employed, …): a fixed amount within a range. */
  'other',
]);
export type FeeCategory = z.infer<typeof FeeCategory>;

export const feeCategoryLabelVi = {
  salaried: 'Đảng viên đóng bảo hiểm xã hội bắt buộc',
  pensioner: 'Đảng viên hưởng lương hưu',
  student: 'Đảng viên là học sinh, sinh viên',
  abroad_allowance: 'Đảng viên ở ngoài nước có trợ cấp',
  abroad_fixed: 'Đảng viên ở ngoài nước (mức cố định)',
  other: 'Đảng viên khác',
} as const satisfies Record<FeeCategory, string>;

const Dong = z.number().int().min(0);
/** Rates in basis points (1% = 100) so every computation stays in integers. */
const BasisPoints = z.number().int().min(0).max(10_000);

export const CategoryRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rate'), basisPoints: BasisPoints }),
  z.object({ kind: z.literal('fixed'), amount: Dong }),
  z.object({ kind: z.literal('range'), min: Dong, max: Dong }),
]);
export type CategoryRule = z.infer<typeof CategoryRule>;

/**
 * Levels that keep a share of the collected fees. A grassroots org is "of a commune/ward" when it
 * is the ward's or commune's own grassroots committee or a cell directly under the ward.
 */
export const ShareLevel = z.enum([
  'cell_under_grassroots',
  'grassroots_commune_ward',
  'grassroots_other',
  'above',
]);
export type ShareLevel = z.infer<typeof ShareLevel>;

export const ShareRule = z.object({ min: BasisPoints, max: BasisPoints, default: BasisPoints });
export type ShareRule = z.infer<typeof ShareRule>;

/** How a rate is turned into whole đồng. */
export const Rounding = z.enum(['half_up']);
export type Rounding = z.infer<typeof Rounding>;

/**
 * One version of the fee rules. Versions are appended, never edited: a correction is a new version
 * with a higher `seq` and `corrects` naming the one it replaces for its months.
 */
export const FeeRuleVersion = z
  .object({
    id: z.string().min(1).max(100),
    seq: z.number().int().min(1),
    /** The legal text ("Quyết định 342-QĐ/TW"). */
    source: z.string().min(1).max(200),
    effectiveFrom: FeeMonth,
    /** Last month covered; null = open-ended. */
    effectiveTo: FeeMonth.nullable(),
    corrects: z.string().nullable(),
    categories: z.object(
      Object.fromEntries(FeeCategory.options.map((c) => [c, CategoryRule])) as Record<
        FeeCategory,
        typeof CategoryRule
      >,
    ),
    rounding: Rounding,
    /** Reasons for which a cell may exempt a member for a month (amount 0). */
    exemptions: z.array(z.string().min(1)).min(1),
    /** Voluntary extra payments on top of the due amount are allowed. */
    voluntaryExtra: z.boolean(),
    shares: z.object(
      Object.fromEntries(ShareLevel.options.map((l) => [l, ShareRule])) as Record<
        ShareLevel,
        typeof ShareRule
      >,
    ),
  })
  .refine((v) => v.effectiveTo === null || v.effectiveTo >= v.effectiveFrom, {
    message: 'effectiveTo is before effectiveFrom',
  })
  .refine((v) => Object.values(v.shares).every((s) => s.min <= s.default && s.default <= s.max), {
    message: 'each share needs min ≤ default ≤ max',
  })
  .refine((v) => Object.values(v.categories).every((c) => c.kind !== 'range' || c.min <= c.max), {
    message: 'a range category needs min ≤ max',
  });
export type FeeRuleVersion = z.infer<typeof FeeRuleVersion>;
export type FeeRuleTable = readonly FeeRuleVersion[];

const EXEMPTIONS = ['hardship', 'illness', 'natural_disaster', 'other_approved'];

const SHARES_342 = {
  cell_under_grassroots: { min: 3000, max: 5000, default: 3000 },
  grassroots_commune_ward: { min: 9000, max: 9000, default: 9000 },
  grassroots_other: { min: 7000, max: 7000, default: 7000 },
  above: { min: 5000, max: 5000, default: 5000 },
};

/**
 * The rules in force. The category figures are those DOMAIN.md gives (from the press reports of
 * 01-QĐ/TW); where 342 differed in detail, an admin corrects it by appending a version. 01-QĐ/TW's
 * split is modelled like 342's until its text is confirmed (docs/decisions/0007-fees.md).
 */
/** DOMAIN.md's figures per category, which both built-in versions carry until corrected. */
const CATEGORY_FIGURES: FeeRuleVersion['categories'] = {
  salaried: { kind: 'rate', basisPoints: 100 },
  pensioner: { kind: 'rate', basisPoints: 50 },
  student: { kind: 'fixed', amount: 5_000 },
  abroad_allowance: { kind: 'rate', basisPoints: 100 },
  abroad_fixed: { kind: 'range', min: 30_000, max: 400_000 },
  other: { kind: 'range', min: 5_000, max: 400_000 },
};

export const DEFAULT_FEE_RULES: FeeRuleTable = [
  {
    id: '342-QD-TW',
    seq: 1,
    source: 'Quyết định 342-QĐ/TW ngày 28/12/2010',
    effectiveFrom: '2011-01',
    effectiveTo: '2026-01',
    corrects: null,
    categories: CATEGORY_FIGURES,
    rounding: 'half_up',
    exemptions: EXEMPTIONS,
    voluntaryExtra: true,
    shares: SHARES_342,
  },
  {
    id: '01-QD-TW',
    seq: 2,
    source: 'Quy định 01-QĐ/TW (hiệu lực từ 01/02/2026)',
    effectiveFrom: '2026-02',
    effectiveTo: null,
    corrects: null,
    categories: CATEGORY_FIGURES,
    rounding: 'half_up',
    exemptions: EXEMPTIONS,
    voluntaryExtra: true,
    shares: SHARES_342,
  },
];

/** The version in force for a month: among those covering it, the last appended (highest seq). */
export function ruleFor(month: string, rules: FeeRuleTable): Result<FeeRuleVersion, 'no_rule'> {
  let best: FeeRuleVersion | undefined;
  for (const v of rules) {
    const covers = v.effectiveFrom <= month && (v.effectiveTo === null || month <= v.effectiveTo);
    if (covers && (best === undefined || v.seq > best.seq)) best = v;
  }
  return best
    ? ok(best)
    : fail(
        'no_rule',
        `no fee rule covers ${month}`,
        `Chưa có quy định đảng phí cho tháng ${month}`,
      );
}

export type AppendRuleCode =
  | 'rule_invalid'
  | 'rule_negative'
  | 'rule_id_taken'
  | 'rule_seq_not_last'
  | 'rule_corrects_unknown'
  | 'rule_months_insane'
  | 'rule_rate_absurd'
  | 'rule_share_keeps_all'
  | 'rule_corrects_elsewhere';

/** A rate, amount or share typed below zero, named for the person who typed it. */
function negativeFigure(
  issues: readonly { code: string; path: readonly PropertyKey[]; minimum?: unknown }[],
): { message: string; messageVi: string } | undefined {
  const issue = issues.find((i) => i.code === 'too_small' && i.minimum === 0);
  const [group, key, field] = issue?.path ?? [];
  if (group === 'categories' && FeeCategory.safeParse(key).success) {
    const what = field === 'basisPoints' ? 'tỷ lệ đóng' : 'số tiền';
    return {
      message: `categories.${String(key)}.${String(field)} is negative`,
      messageVi: `${feeCategoryLabelVi[key as FeeCategory]}: ${what} không được âm`,
    };
  }
  if (group === 'shares')
    return {
      message: `shares.${String(key)}.${String(field)} is negative`,
      messageVi: 'Tỷ lệ trích giữ lại của các cấp không được âm',
    };
  return undefined;
}

/** The earliest and latest months a version may cover: anything outside is a typing slip. */
export const RULE_MONTHS = { first: '2000-01', last: '2100-12' } as const;
/** No category pays more than 10% of its base: a higher rate is a slip (10 for 1%?). */
export const MAX_RATE_BASIS_POINTS = 1_000;

const overlaps = (a: FeeRuleVersion, b: FeeRuleVersion) =>
  a.effectiveFrom <= (b.effectiveTo ?? RULE_MONTHS.last) &&
  b.effectiveFrom <= (a.effectiveTo ?? RULE_MONTHS.last);

/**
 * What the schema cannot say about a version: months within sane bounds, rates a party fee can
 * have, shares that leave money for the level above (every level below the top passes some up,
 * so the parts of any split sum to the amount with the top's part included).
 */
function checkRuleVersion(v: FeeRuleVersion): Result<FeeRuleVersion, AppendRuleCode> {
  if (v.effectiveFrom < RULE_MONTHS.first || (v.effectiveTo ?? v.effectiveFrom) > RULE_MONTHS.last)
    return fail(
      'rule_months_insane',
      `effective months ${v.effectiveFrom}..${v.effectiveTo ?? 'open'} are outside ${RULE_MONTHS.first}..${RULE_MONTHS.last}`,
      'Thời gian hiệu lực của quy định không hợp lý',
    );
  for (const [category, c] of Object.entries(v.categories))
    if (c.kind === 'rate' && c.basisPoints > MAX_RATE_BASIS_POINTS)
      return fail(
        'rule_rate_absurd',
        `rate of ${category} is ${c.basisPoints} bp, above ${MAX_RATE_BASIS_POINTS}`,
        `Tỷ lệ đóng của nhóm "${feeCategoryLabelVi[category as FeeCategory]}" vượt quá 10%`,
      );
  for (const [level, share] of Object.entries(v.shares))
    if (share.max >= 10_000)
      return fail(
        'rule_share_keeps_all',
        `level ${level} may keep ${share.max} bp: the levels above would get nothing`,
        'Tỷ lệ trích giữ lại của một cấp phải nhỏ hơn 100% để còn nộp lên cấp trên',
      );
  return ok(v);
}

/**
 * Appends a version (admins correct rules this way, without a code change). Past versions are
 * never touched: the table only grows, and `seq` must be higher than every existing one.
 */
export function appendRuleVersion(
  rules: FeeRuleTable,
  input: unknown,
): Result<FeeRuleTable, AppendRuleCode> {
  const parsed = FeeRuleVersion.safeParse(input);
  const negative = parsed.success ? undefined : negativeFigure(parsed.error.issues);
  if (negative) return fail('rule_negative', negative.message, negative.messageVi);
  if (!parsed.success)
    return fail(
      'rule_invalid',
      `rule version is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      'Phiên bản quy định đảng phí không hợp lệ',
    );
  const v = parsed.data;
  if (rules.some((r) => r.id === v.id))
    return fail(
      'rule_id_taken',
      `rule version ${v.id} exists; append a new one`,
      'Mã phiên bản quy định đã tồn tại',
    );
  const lastSeq = Math.max(0, ...rules.map((r) => r.seq));
  if (v.seq <= lastSeq)
    return fail(
      'rule_seq_not_last',
      `seq ${v.seq} must exceed ${lastSeq}`,
      'Phiên bản mới phải sau các phiên bản đã có',
    );
  const corrected = v.corrects === null ? null : rules.find((r) => r.id === v.corrects);
  if (corrected === undefined)
    return fail(
      'rule_corrects_unknown',
      `corrected version ${v.corrects} does not exist`,
      'Phiên bản được đính chính không tồn tại',
    );
  if (corrected && !overlaps(corrected, v))
    return fail(
      'rule_corrects_elsewhere',
      `version ${v.id} covers no month of the version ${corrected.id} it corrects`,
      'Phiên bản đính chính phải áp dụng cho các tháng của phiên bản được đính chính',
    );
  const sane = checkRuleVersion(v);
  if (!sane.ok) return sane;
  return ok([...rules, v]);
}
