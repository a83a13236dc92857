import { describe, expect, it } from 'vitest';
import type { FeeSheetLine } from '../../../../src/desktop/contract';
import { adjustWarning, amountErrorAsTyped, readEdit } from './adjust-edit';

const line = { memberId: 'm-1', computedAmount: 50_000, computeMessageVi: null } as FeeSheetLine;

describe('an adjustment as it is typed', () => {
  it('refuses what is not whole đồng at once', () => {
    expect(amountErrorAsTyped('-5000abc')).toBe('Số tiền phải là một số (đồng).');
    expect(amountErrorAsTyped('-5000')).toBe('Số tiền không được là số âm.');
    expect(amountErrorAsTyped('12,5')).toBe('Số tiền phải là một số (đồng).');
    expect(amountErrorAsTyped('120.000')).toBe('');
    expect(amountErrorAsTyped('')).toBe('');
    expect(amountErrorAsTyped(undefined)).toBe('');
  });

  it('warns, without refusing, above three times the computed amount', () => {
    expect(adjustWarning(line, '150000')).toBe('');
    expect(adjustWarning(line, '150001')).toContain('gấp hơn 3 lần');
    expect(adjustWarning(line, '1.000.000.000')).toContain('50.000 đ');
    expect(adjustWarning({ ...line, computedAmount: null }, '150001')).toBe('');
    expect(readEdit(line, { amount: '150001', reason: 'Tự nguyện đóng thêm' }).item).toEqual({
      memberId: 'm-1',
      amount: 150_001,
      reason: 'Tự nguyện đóng thêm',
    });
  });

  it('needs a reason for a changed amount only', () => {
    expect(readEdit(line, { amount: '50.000', reason: '' })).toEqual({ item: { memberId: 'm-1' } });
    expect(readEdit(line, { amount: '60000', reason: '' }).error?.reason).toContain('lý do');
  });
});
