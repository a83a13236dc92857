import { describe, expect, it } from 'vitest';
import type { FeeRules } from '../../../../src/desktop/contract';
import { DEFAULT_FEE_RULES } from '../../../../src/domain/fees/rules';
import { draftFrom, versionOf } from './rule-draft';

const rules: FeeRules = {
  source: 'server',
  fetchedAt: '2026-01-01T00:00:00.000Z',
  items: DEFAULT_FEE_RULES.map((version) => ({ version, createdByName: null, createdAt: null })),
  currentId: DEFAULT_FEE_RULES.at(-1)?.id ?? null,
  canCorrect: true,
};
const current = DEFAULT_FEE_RULES.at(-1)!;

describe('the correction draft', () => {
  it('starts from the corrected version under the first free id', () => {
    const draft = draftFrom(current, [current.id, `${current.id}-dc1`]);
    expect(draft).toMatchObject({
      corrects: current.id,
      id: `${current.id}-dc2`,
      from: current.effectiveFrom,
      to: current.effectiveTo,
    });
  });

  it('becomes the next version when the domain accepts it', () => {
    const draft = { ...draftFrom(current, []), from: '2099-12' };
    const checked = versionOf(draft, rules);
    expect(checked).toMatchObject({
      version: { id: `${current.id}-dc1`, corrects: current.id, effectiveFrom: '2099-12' },
    });
  });

  it('points at the field a refusal is about', () => {
    const draft = { ...draftFrom(current, []), from: '2099-12', to: '2099-01' };
    expect(versionOf(draft, rules)).toEqual({
      errorVi: 'Tháng hết hiệu lực phải sau tháng bắt đầu hiệu lực.',
      field: 'to',
    });
    expect(versionOf({ ...draft, to: null, id: ' ' }, rules)).toMatchObject({ field: 'id' });
  });

  it('refuses what the domain refuses, with its message and no field', () => {
    const draft = draftFrom(current, []);
    const salaried = { kind: 'rate' as const, basisPoints: 1200 };
    const checked = versionOf(
      { ...draft, from: '2099-12', categories: { ...draft.categories, salaried } },
      rules,
    );
    expect(checked).toEqual({
      errorVi: 'Tỷ lệ đóng của nhóm "Đảng viên đóng bảo hiểm xã hội bắt buộc" vượt quá 10%.',
    });
  });
});
