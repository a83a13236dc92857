import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRate, computeMonthlyFee } from './compute';
import { parseAmount } from './money';
import type { FeeProfile } from './profile';
import {
  appendRuleVersion,
  DEFAULT_FEE_RULES,
  FeeCategory,
  ruleFor,
  type FeeRuleVersion,
} from './rules';
import { splitAmount, type ChainOrg } from './split';

const profile = (p: Partial<FeeProfile>): FeeProfile => ({
  category: 'salaried',
  base: null,
  fixedAmount: null,
  voluntaryExtra: 0,
  exemption: null,
  ...p,
});

const rule = (month: string): FeeRuleVersion => {
  const r = ruleFor(month, DEFAULT_FEE_RULES);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('rule table', () => {
  it('switches from 342-QĐ/TW to 01-QĐ/TW on 01/02/2026', () => {
    expect(rule('2026-01').id).toBe('342-QD-TW');
    expect(rule('2026-02').id).toBe('01-QD-TW');
    expect(rule('2035-12').id).toBe('01-QD-TW');
    const none = ruleFor('2010-12', DEFAULT_FEE_RULES);
    expect(none.ok || none.messageVi).toBe('Chưa có quy định đảng phí cho tháng 2010-12');
  });

  it('corrects a version by appending one, leaving the past version as it was', () => {
    const old = rule('2026-03');
    const correction = {
      ...old,
      id: '01-QD-TW-r2',
      seq: 3,
      corrects: old.id,
      effectiveFrom: '2026-03',
      categories: { ...old.categories, student: { kind: 'fixed', amount: 6_000 } },
    };
    const appended = appendRuleVersion(DEFAULT_FEE_RULES, correction);
    if (!appended.ok) throw new Error(appended.message);
    const table = appended.value;
    expect(table).toHaveLength(3);
    expect(table[1]).toBe(DEFAULT_FEE_RULES[1]);
    const student = profile({ category: 'student' });
    const fee = (m: string) => computeMonthlyFee(student, m, table);
    expect(fee('2026-02')).toMatchObject({ ok: true, value: { amount: 5_000 } });
    expect(fee('2026-03')).toMatchObject({
      ok: true,
      value: { amount: 6_000, ruleVersionId: '01-QD-TW-r2' },
    });
    // Never an edit: the same id or an older seq is refused.
    expect(appendRuleVersion(table, { ...correction, seq: 4 })).toMatchObject({
      code: 'rule_id_taken',
    });
    expect(appendRuleVersion(table, { ...correction, id: 'x', seq: 2 })).toMatchObject({
      code: 'rule_seq_not_last',
    });
    expect(
      appendRuleVersion(table, { ...correction, id: 'y', seq: 9, effectiveTo: '2020-01' }),
    ).toMatchObject({ code: 'rule_invalid' });
    // A figure typed below zero is named, not lost in a generic refusal.
    const negative = { ...old.categories, salaried: { kind: 'rate', basisPoints: -100 } };
    expect(
      appendRuleVersion(table, { ...correction, id: 'z', seq: 9, categories: negative }),
    ).toMatchObject({
      code: 'rule_negative',
      messageVi: 'Đảng viên đóng bảo hiểm xã hội bắt buộc: tỷ lệ đóng không được âm',
    });
    const shares = { ...old.shares, above: { ...old.shares.above, min: -1 } };
    expect(appendRuleVersion(table, { ...correction, id: 'z', seq: 9, shares })).toMatchObject({
      code: 'rule_negative',
    });
  });
});

describe('computeMonthlyFee', () => {
  it('applies each category', () => {
    const m = '2026-02';
    const amount = (p: Partial<FeeProfile>) => {
      const r = computeMonthlyFee(profile(p), m, DEFAULT_FEE_RULES);
      return r.ok ? r.value.amount : r.code;
    };
    expect(amount({ base: 8_500_000 })).toBe(85_000);
    expect(amount({ category: 'pensioner', base: 6_000_000 })).toBe(30_000);
    expect(amount({ category: 'student' })).toBe(5_000);
    expect(amount({ category: 'abroad_allowance', base: 20_000_000 })).toBe(200_000);
    expect(amount({ category: 'abroad_fixed', fixedAmount: 100_000 })).toBe(100_000);
    expect(amount({ category: 'abroad_fixed', fixedAmount: 20_000 })).toBe(
      'fixed_amount_out_of_range',
    );
    expect(amount({ category: 'abroad_fixed' })).toBe('fixed_amount_missing');
    expect(amount({ base: null })).toBe('base_missing');
    expect(amount({ base: 8_500_000, voluntaryExtra: 15_000 })).toBe(100_000);
    expect(amount({ base: 8_500_000, exemption: 'hardship', voluntaryExtra: 2_000 })).toBe(2_000);
    expect(amount({ base: 8_500_000, exemption: 'lười' })).toBe('exemption_unknown');
  });

  it('rounds half up to whole đồng', () => {
    expect(applyRate(4_960_050, 100, 'half_up')).toBe(49_601);
    expect(applyRate(4_960_049, 100, 'half_up')).toBe(49_600);
    expect(applyRate(1_000_001, 50, 'half_up')).toBe(5_000);
    expect(applyRate(1_000_100, 50, 'half_up')).toBe(5_001);
  });

  it('never gives a negative or fractional amount (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FeeCategory.options),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom('2020-06', '2026-01', '2026-02', '2030-12'),
        (category, base, fixedAmount, voluntaryExtra, month) => {
          const r = computeMonthlyFee(
            profile({ category, base, fixedAmount, voluntaryExtra }),
            month,
            DEFAULT_FEE_RULES,
          );
          if (!r.ok) return r.code === 'fixed_amount_out_of_range';
          return Number.isSafeInteger(r.value.amount) && r.value.amount >= voluntaryExtra;
        },
      ),
    );
  });
});

describe('parseAmount', () => {
  it('refuses negative, fractional, absurd and non-numeric amounts with a message', () => {
    expect(parseAmount(85_000)).toEqual({ ok: true, value: 85_000 });
    expect(parseAmount('85000')).toEqual({ ok: true, value: 85_000 });
    expect(parseAmount(-1)).toMatchObject({ code: 'amount_negative' });
    expect(parseAmount(1.5)).toMatchObject({ code: 'amount_fractional' });
    expect(parseAmount('1.5')).toMatchObject({ code: 'amount_fractional' });
    expect(parseAmount(5_000_000_000)).toMatchObject({ code: 'amount_over_ceiling' });
    expect(parseAmount(1000, 999)).toMatchObject({ code: 'amount_over_ceiling' });
    for (const bad of ['85.000đ', 'abc', '', Number.NaN, Infinity, null, {}])
      expect(parseAmount(bad)).toMatchObject({ ok: false, code: 'amount_not_numeric' });
  });
});

describe('splitAmount', () => {
  const cell: ChainOrg = { orgId: 'cell', type: 'grassroots_cell', communeOrWard: true };
  const ward: ChainOrg = { orgId: 'ward', type: 'superior_committee' };
  const province: ChainOrg = { orgId: 'province', type: 'province_committee' };

  it('keeps 90% at a ward grassroots org, then halves upward (342)', () => {
    const r = splitAmount(100_000, [cell, ward, province], rule('2026-01'), 'bottom_up');
    expect(r).toEqual({
      ok: true,
      value: [
        { orgId: 'cell', level: 'grassroots_commune_ward', amount: 90_000 },
        { orgId: 'ward', level: 'above', amount: 5_000 },
        { orgId: 'province', level: 'top', amount: 5_000 },
      ],
    });
  });

  it('gives the rounding remainder to whoever holds the money first', () => {
    const affiliated: ChainOrg = { orgId: 'ac', type: 'affiliated_cell', shareBasisPoints: 3333 };
    const gc: ChainOrg = { orgId: 'gc', type: 'grassroots_committee' };
    const chain = [affiliated, gc, province];
    const up = splitAmount(10_001, chain, rule('2026-01'), 'bottom_up');
    const down = splitAmount(10_001, chain, rule('2026-01'), 'top_down');
    expect(up.ok && up.value.map((p) => p.amount)).toEqual([3334, 4667, 2000]);
    expect(down.ok && down.value.map((p) => p.amount)).toEqual([3333, 4667, 2001]);
    expect(splitAmount(1, chain, rule('2026-01'), 'bottom_up')).toMatchObject({
      ok: true,
      value: [{ amount: 1 }, { amount: 0 }, { amount: 0 }],
    });
    expect(
      splitAmount(1, [{ ...affiliated, shareBasisPoints: 6000 }, gc], rule('2026-01'), 'top_down'),
    ).toMatchObject({ code: 'share_out_of_range' });
  });

  it('sums exactly to the amount, parts whole and non-negative (property)', () => {
    const chainOrg = fc.record({
      orgId: fc.uuid(),
      type: fc.constantFrom(
        'grassroots_cell',
        'affiliated_cell',
        'grassroots_committee',
        'sub_committee',
        'superior_committee',
        'province_committee',
      ) as fc.Arbitrary<ChainOrg['type']>,
      communeOrWard: fc.boolean(),
      shareBasisPoints: fc.integer({ min: 3000, max: 5000 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.array(chainOrg, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('2025-06', '2026-05'),
        fc.constantFrom('top_down' as const, 'bottom_up' as const),
        (amount, chain, month, direction) => {
          const fixed = chain.map((o) =>
            o.type === 'affiliated_cell' ? o : { ...o, shareBasisPoints: undefined },
          );
          const r = splitAmount(amount, fixed, rule(month), direction);
          if (!r.ok) return false;
          const parts = r.value.map((p) => p.amount);
          return (
            parts.length === chain.length &&
            parts.every((a) => Number.isSafeInteger(a) && a >= 0) &&
            parts.reduce((s, a) => s + a, 0) === amount
          );
        },
      ),
    );
  });
});
