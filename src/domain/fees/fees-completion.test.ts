import { describe, expect, it } from 'vitest';
import { planApprovals, type ApprovalCandidate } from './approve';

type ApprovalItems = Parameters<typeof planApprovals>[1]['items'];
type ApprovalOptions = Parameters<typeof planApprovals>[2];
import { bankAccountFlags } from './bank-account-check';
import { bankOfCitad } from './bank-bins';
import { buildOrgReport, type ReportOrg } from './org-report';
import { DEFAULT_FEE_RULES } from './rules';

const line = (memberId: string, patch: Partial<ApprovalCandidate> = {}): ApprovalCandidate => ({
  memberId,
  fullName: `Đảng viên ${memberId}`,
  computedAmount: 50_000,
  computeMessageVi: null,
  paid: false,
  approval: null,
  ...patch,
});

describe('planApprovals', () => {
  const lines = [
    line('a', { approval: { amount: 50_000, approvedBy: 'u2', approvedByName: 'Lê Văn Bình' } }),
    line('b', { computedAmount: null, computeMessageVi: 'Chưa khai báo' }),
    line('c', { paid: true }),
    line('d'),
  ];
  /** Approves the given members one by one (not the whole cell). */
  const approveItems = (items: ApprovalItems, options: ApprovalOptions = { ceiling: 1e6 }) =>
    planApprovals(lines, { all: false, items }, options);

  it('approves all computable unpaid members; adjusted amounts need a reason', () => {
    const all = planApprovals(lines, { all: true, items: [] }, { ceiling: 1e6 });
    expect(all.ok && all.value.map((p) => p.memberId)).toEqual(['a', 'd']);
    const noReason = approveItems([{ memberId: 'd', amount: 1 }]);
    expect(noReason).toMatchObject({ ok: false, code: 'reason_missing', field: 'items.0.reason' });
    expect(approveItems([{ memberId: 'd', amount: 2e6, reason: 'abc' }])).toMatchObject({
      code: 'over_ceiling',
    });
    expect(approveItems([{ memberId: 'c' }])).toMatchObject({ code: 'already_paid' });
    expect(approveItems([{ memberId: 'b' }])).toMatchObject({
      code: 'no_computed_amount',
      messageVi: 'Chưa khai báo',
    });
  });
  it('offline, a month approved by someone else at another amount is a conflict naming them', () => {
    const opts = { ceiling: 1e6, actorUserId: 'u1' };
    const other = approveItems([{ memberId: 'a', amount: 40_000, reason: 'Khó khăn' }], opts);
    expect(other).toMatchObject({ ok: false, code: 'approved_by_other' });
    expect(!other.ok && other.messageVi).toContain('Lê Văn Bình');
    // The same amount is no conflict; "all" leaves someone else's approval alone.
    expect(approveItems([{ memberId: 'a' }], opts).ok).toBe(true);
    const all = planApprovals(lines, { all: true, items: [] }, opts);
    expect(all.ok && all.value.map((p) => p.memberId)).toEqual(['d']);
  });
});

describe('bank accounts', () => {
  it('maps CITAD bank codes to NAPAS BINs and flags treasury and personal accounts', () => {
    expect(bankOfCitad('01203001')).toMatchObject({ name: 'Vietcombank', bin: '970436' });
    expect(bankOfCitad('79204123')).toMatchObject({ name: 'Agribank', bin: '970405' });
    expect(bankOfCitad('0120300')).toBeNull();
    const ok = { holder: 'DANG BO PHUONG VIET HUNG', bankName: 'BIDV', citadCode: '01202001' };
    expect(bankAccountFlags(ok)).toEqual([]);
    expect(bankAccountFlags({ ...ok, holder: 'Chi bộ Tổ dân phố số 1' })).toEqual([]);
    expect(bankAccountFlags({ ...ok, holder: 'TRAN HUU AN' })).toEqual(['personal_holder']);
    expect(bankAccountFlags({ ...ok, citadCode: '01701001' })).toEqual(['treasury']);
    expect(bankAccountFlags({ ...ok, bankName: 'KBNN Hà Nội', citadCode: '01999001' })).toEqual([
      'treasury',
      'bank_unknown',
    ]);
  });
});

describe('buildOrgReport', () => {
  const org = (
    id: string,
    parentId: string | null,
    type: ReportOrg['type'],
    name: string,
    depth: number,
  ): [string, ReportOrg] => [
    id,
    { id, parentId, type, name, depth, allocationDirection: 'bottom_up' },
  ];
  const orgs = new Map([
    org('p', null, 'province_committee', 'Đảng bộ Thành phố', 0),
    org('w', 'p', 'superior_committee', 'Đảng bộ Phường Việt Hưng', 1),
    org('c1', 'w', 'grassroots_cell', 'Chi bộ 1', 2),
    org('c2', 'w', 'grassroots_cell', 'Chi bộ 2', 2),
  ]);
  it('totals up the tree, flags 3 unpaid months and splits paid amounts exactly', () => {
    const months = ['2026-01', '2026-02', '2026-03'];
    const due = months.flatMap((month) => [
      { cellId: 'c1', memberId: 'm1', month, amount: 85_001, ruleVersionId: '342-QD-TW' },
      { cellId: 'c2', memberId: 'm2', month, amount: 30_000, ruleVersionId: '342-QD-TW' },
    ]);
    const paid = months.map((month) => ({
      cellId: 'c1',
      memberId: 'm1',
      month,
      amount: 85_001,
      collectingOrgId: 'w',
    }));
    const r = buildOrgReport({
      orgs,
      rootId: 'w',
      cellIds: ['c1', 'c2'],
      memberCounts: new Map([['c1', 1]]),
      months,
      due,
      paid,
      rules: DEFAULT_FEE_RULES,
    });
    expect(r.cells).toEqual([
      { cellId: 'c1', due: 255_003, paid: 255_003, outstanding: 0, members: 1, flaggedMembers: 0 },
      { cellId: 'c2', due: 90_000, paid: 0, outstanding: 90_000, members: 0, flaggedMembers: 1 },
    ]);
    expect(r.orgs).toEqual([{ orgId: 'w', due: 345_003, paid: 255_003, outstanding: 90_000 }]);
    const [split] = r.split;
    expect(split?.parts.reduce((s, p) => s + p.amount, 0)).toBe(255_003);
    expect(split?.parts.map((p) => p.orgId)).toEqual(['p', 'w', 'c1']);
    expect(r.unsplit).toBe(0);
  });
});
