import { describe, expect, it } from 'vitest';
import { allocationByLevel } from './allocation-summary';
import { buildOrgReport, type ReportOrg } from './org-report';
import { DEFAULT_FEE_RULES } from './rules';

const org = (
  id: string,
  parentId: string | null,
  type: ReportOrg['type'],
  name: string,
  depth: number,
  allocationDirection: ReportOrg['allocationDirection'],
): [string, ReportOrg] => [id, { id, parentId, type, name, depth, allocationDirection }];

describe('allocationByLevel', () => {
  // A ward whose year spans the rule change (342 → 01 in February), with money collected both
  // top-down (the ward's account) and bottom-up (the city's), and a month no rule covers: the
  // report splits it into four groups plus an unsplit rest, which read one after the other did
  // not add up to "đã nộp" (issue 17).
  const orgs = new Map([
    org('p', null, 'province_committee', 'Đảng bộ Thành phố', 0, 'bottom_up'),
    org('w', 'p', 'superior_committee', 'Đảng bộ Phường Việt Hưng', 1, 'top_down'),
    org('c1', 'w', 'grassroots_cell', 'Chi bộ 1', 2, 'top_down'),
    org('c2', 'w', 'grassroots_cell', 'Chi bộ 2', 2, 'top_down'),
  ]);
  const paid = [
    { cellId: 'c1', memberId: 'm1', month: '2026-01', amount: 100_000, collectingOrgId: 'w' },
    { cellId: 'c1', memberId: 'm1', month: '2026-02', amount: 100_000, collectingOrgId: 'w' },
    { cellId: 'c2', memberId: 'm2', month: '2026-02', amount: 30_001, collectingOrgId: 'p' },
    { cellId: 'c2', memberId: 'm3', month: '2010-12', amount: 7_000, collectingOrgId: 'p' },
  ];
  const report = buildOrgReport({
    orgs,
    rootId: 'w',
    cellIds: ['c1', 'c2'],
    memberCounts: new Map(),
    months: ['2010-12', '2026-01', '2026-02'],
    due: [],
    paid,
    rules: DEFAULT_FEE_RULES,
  });
  const named = report.split.map((g) => ({
    ...g,
    parts: g.parts.map((p) => ({ ...p, name: orgs.get(p.orgId)?.name ?? p.orgId })),
  }));

  it('adds the groups per level and org, and the rows add up to what was paid', () => {
    expect(report.split).toHaveLength(3);
    const summary = allocationByLevel(named, report.unsplit);
    expect(summary.levels.map((l) => [l.level, l.total])).toEqual([
      ['top', 11_500],
      ['above', 11_500],
      ['grassroots_commune_ward', 207_001],
    ]);
    expect(summary.levels[2]?.orgs).toEqual([
      { orgId: 'c1', name: 'Chi bộ 1', amount: 180_000 },
      { orgId: 'c2', name: 'Chi bộ 2', amount: 27_001 },
    ]);
    expect(summary.unsplit).toBe(7_000);
    expect(report.totals.paid).toBe(237_001);
    expect(summary.collected).toBe(report.totals.paid);
    expect(summary.levels.reduce((s, l) => s + l.total, 0) + summary.unsplit).toBe(237_001);
  });

  it('reads a group alone as only part of the total (the paragraph that misled)', () => {
    const [first] = named;
    expect(first?.collected).toBeLessThan(report.totals.paid);
    expect(allocationByLevel([]).levels).toEqual([]);
  });
});
