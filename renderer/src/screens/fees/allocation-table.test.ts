import { describe, expect, it } from 'vitest';
import { allocationByLevel } from '../../../../src/domain/fees/allocation-summary';
import { allocationCheckVi, allocationRows } from './allocation-table';
import { ledgerSummaryVi } from './ledger-view';
import { reportAmountVi } from './org-report';

const groups = [
  {
    collected: 100_000,
    parts: [
      { orgId: 'p', name: 'Đảng bộ Thành phố', level: 'top', amount: 5_000 },
      { orgId: 'w', name: 'Đảng bộ Phường', level: 'above', amount: 5_000 },
      { orgId: 'c1', name: 'Chi bộ 1', level: 'grassroots_commune_ward', amount: 90_000 },
    ],
  },
  {
    collected: 10_000,
    parts: [
      { orgId: 'p', name: 'Đảng bộ Thành phố', level: 'top', amount: 500 },
      { orgId: 'w', name: 'Đảng bộ Phường', level: 'above', amount: 500 },
      { orgId: 'c1', name: 'Chi bộ 1', level: 'grassroots_commune_ward', amount: 9_000 },
    ],
  },
];

describe('the allocation table', () => {
  it('shows each level with its total, then its orgs once, then the unsplit rest', () => {
    const rows = allocationRows(allocationByLevel(groups, 1_000));
    expect(rows.map((r) => [r.kind, r.name, r.amount])).toEqual([
      ['level', 'Cấp trên cùng (nhận phần còn lại)', 5_500],
      ['org', 'Đảng bộ Thành phố', 5_500],
      ['level', 'Cấp ủy cấp trên cơ sở', 5_500],
      ['org', 'Đảng bộ Phường', 5_500],
      ['level', 'Tổ chức cơ sở đảng xã, phường, thị trấn', 99_000],
      ['org', 'Chi bộ 1', 99_000],
      [
        'unsplit',
        'Chưa phân bổ được (tháng chưa có quy định hoặc chưa xác định được cấp trên)',
        1_000,
      ],
    ]);
  });

  it('says the rows add up to what was paid, or by how much they do not', () => {
    const summary = allocationByLevel(groups, 1_000);
    expect(allocationCheckVi(summary, 111_000)).toBe('Cộng các cấp: 111.000 đ, bằng số đã nộp.');
    expect(allocationCheckVi(summary, 120_000)).toContain('khác số đã nộp 120.000 đ là 9.000 đ');
  });
});

describe('the ledger summary', () => {
  it('reads "chưa có dữ liệu" for a year with nothing due nor paid', () => {
    expect(ledgerSummaryVi(2026, { due: 0, paid: 0, outstanding: 0 }, 0)).toEqual({
      totals: 'Năm 2026: chưa có dữ liệu đảng phí của chi bộ.',
      flagged: '',
    });
    const year = ledgerSummaryVi(2026, { due: 100_000, paid: 40_000, outstanding: 60_000 }, 2);
    expect(year.totals).toBe('Phải nộp 100.000 đ — đã nộp 40.000 đ — còn nợ 60.000 đ');
    expect(year.flagged).toBe('2 đảng viên chưa nộp từ 3 tháng trở lên');
  });
});

describe('the ward report rows', () => {
  it('read "Chưa có dữ liệu" for an org with nothing due nor paid, not "0 đ"', () => {
    const empty = { due: 0, paid: 0, outstanding: 0 };
    expect(reportAmountVi(empty, 'due')).toBe('Chưa có dữ liệu');
    expect(reportAmountVi(empty, 'paid')).toBe('');
    expect(reportAmountVi({ due: 10, paid: 0, outstanding: 10 }, 'paid')).toBeUndefined();
  });
});
