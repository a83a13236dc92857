import { describe, expect, it } from 'vitest';
import type { FeePayment } from '../../../../src/desktop/contract';
import { paymentMembersVi, paymentMonthsVi, transactionsTotalVi } from './transaction-cells';

const items = [
  { memberId: 'm-1', fullName: 'Nguyễn Văn An', month: '2026-03', amount: 1 },
  { memberId: 'm-2', fullName: 'Trần Thị Hoa', month: '2026-03', amount: 1 },
];

describe('the transaction list cells', () => {
  it('say for whom and for which months a payment was', () => {
    expect(paymentMembersVi({ kind: 'cell', items } as FeePayment)).toBe(
      '2 đảng viên: Nguyễn Văn An, Trần Thị Hoa',
    );
    expect(paymentMembersVi({ kind: 'self', items: [items[1]] } as FeePayment)).toBe(
      'Trần Thị Hoa',
    );
    expect(paymentMonthsVi({ items })).toBe('Tháng 03/2026');
  });

  it('say "trên" when the list is capped, not a count', () => {
    expect(transactionsTotalVi(65, 200)).toBe('Tổng số: 65 giao dịch');
    expect(transactionsTotalVi(200, 200)).toMatch(/^Tổng số: trên 200 giao dịch \(hiển thị/);
  });
});
