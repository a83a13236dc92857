import type { ShareLevel } from './rules';

/**
 * The split of what was collected, as a table per level that adds up to the collected total.
 * The report's `split` has one group per rule version and allocation direction (a year across a
 * rule change has several), each listing every org of its chains: read one after the other they
 * are a paragraph whose first group looks like the total. Here the groups are added per org and
 * per level, and what no rule could split is its own row, so the rows add up to what was paid.
 */

export type AllocationLevel = ShareLevel | 'top';

export const allocationLevelLabelVi = {
  top: 'Cấp trên cùng (nhận phần còn lại)',
  above: 'Cấp ủy cấp trên cơ sở',
  grassroots_commune_ward: 'Tổ chức cơ sở đảng xã, phường, thị trấn',
  grassroots_other: 'Tổ chức cơ sở đảng khác',
  cell_under_grassroots: 'Chi bộ trực thuộc đảng ủy cơ sở',
} as const satisfies Record<AllocationLevel, string>;

/** Top first, as the levels are read on paper. */
const LEVEL_ORDER = Object.keys(allocationLevelLabelVi) as AllocationLevel[];

export interface SplitGroup {
  collected: number;
  parts: readonly { orgId: string; name: string; level: string; amount: number }[];
}

export interface AllocationSummary {
  levels: {
    level: AllocationLevel;
    labelVi: string;
    orgs: { orgId: string; name: string; amount: number }[];
    total: number;
  }[];
  /** What the groups split: the levels' totals add up to it exactly. */
  split: number;
  /** Paid amounts no rule version or chain could split (shown, never dropped). */
  unsplit: number;
  /** split + unsplit: the report's "đã nộp". */
  collected: number;
}

const levelOf = (level: string): AllocationLevel =>
  (LEVEL_ORDER as string[]).includes(level) ? (level as AllocationLevel) : 'above';

export function allocationByLevel(groups: readonly SplitGroup[], unsplit = 0): AllocationSummary {
  const perLevel = new Map<AllocationLevel, Map<string, { name: string; amount: number }>>();
  for (const g of groups)
    for (const p of g.parts) {
      const level = levelOf(p.level);
      const orgs = perLevel.get(level) ?? new Map<string, { name: string; amount: number }>();
      const org = orgs.get(p.orgId) ?? { name: p.name, amount: 0 };
      org.amount += p.amount;
      orgs.set(p.orgId, org);
      perLevel.set(level, orgs);
    }
  const levels = LEVEL_ORDER.flatMap((level) => {
    const orgs = perLevel.get(level);
    if (!orgs) return [];
    const rows = [...orgs.entries()]
      .map(([orgId, o]) => ({ orgId, name: o.name, amount: o.amount }))
      .sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name, 'vi'));
    const total = rows.reduce((s, r) => s + r.amount, 0);
    return [{ level, labelVi: allocationLevelLabelVi[level], orgs: rows, total }];
  });
  const split = groups.reduce((s, g) => s + g.collected, 0);
  return { levels, split, unsplit, collected: split + unsplit };
}
