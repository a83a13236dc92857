import type { AllocationDirection } from '../org/org';
import type { OrgType } from '../org/org-types';
import { foldForSearch } from '../text/fold';
import { UNPAID_MONTHS_FLAG } from './ledger';
import { ruleFor, type FeeRuleTable } from './rules';
import { splitAmount, type ChainOrg } from './split';

/** The fee report of an org's subtree: per cell, totals up the tree, the split between levels. */

export interface ReportOrg {
  id: string;
  name: string;
  parentId: string | null;
  type: OrgType;
  depth: number;
  allocationDirection: AllocationDirection;
}

export interface DueRow {
  cellId: string;
  memberId: string;
  month: string;
  amount: number;
  ruleVersionId: string;
}

export interface PaidRow {
  cellId: string;
  memberId: string;
  month: string;
  amount: number;
  /** The org owning the account the money went to: its allocation direction applies. */
  collectingOrgId: string;
}

export interface Amounts {
  due: number;
  paid: number;
  outstanding: number;
}

export interface OrgReport {
  cells: (Amounts & { cellId: string; members: number; flaggedMembers: number })[];
  orgs: (Amounts & { orgId: string })[];
  totals: Amounts;
  split: {
    ruleVersionId: string;
    direction: AllocationDirection;
    collected: number;
    parts: { orgId: string; level: string; amount: number }[];
  }[];
  /** Paid amounts no rule or chain could split (reported, never silently dropped). */
  unsplit: number;
}

const WARD_PREFIXES = ['dang bo phuong', 'dang bo xa', 'dang bo thi tran', 'dang bo dac khu'];

/** A grassroots org directly under a ward's or commune's committee keeps the commune/ward share. */
export function isCommuneOrWardCommittee(org: Pick<ReportOrg, 'name' | 'type'>): boolean {
  const name = foldForSearch(org.name);
  return (
    org.type === 'superior_committee' && WARD_PREFIXES.some((prefix) => name.startsWith(prefix))
  );
}

/** Paid amounts of one cell under one rule version, before they are split up the tree. */
interface PaidGroup {
  cellId: string;
  rule: string;
  direction: AllocationDirection;
  amount: number;
}

/**
 * Builds the report. `orgs` holds the subtree and every ancestor of it (the split goes to the
 * top); `cellIds` the cells of the subtree; `months` the period; the due and paid rows cover the
 * year up to the period's end (for the ≥3-unpaid-months flag).
 */
export function buildOrgReport(input: {
  orgs: ReadonlyMap<string, ReportOrg>;
  rootId: string;
  cellIds: readonly string[];
  memberCounts: ReadonlyMap<string, number>;
  months: readonly string[];
  due: readonly DueRow[];
  paid: readonly PaidRow[];
  rules: FeeRuleTable;
}): OrgReport {
  const inPeriod = new Set(input.months);
  const cellSet = new Set(input.cellIds);
  const key = (memberId: string, month: string) => `${memberId}|${month}`;
  const paidBy = new Map<string, number>();
  for (const p of input.paid)
    paidBy.set(key(p.memberId, p.month), (paidBy.get(key(p.memberId, p.month)) ?? 0) + p.amount);
  const zero = (): Amounts => ({ due: 0, paid: 0, outstanding: 0 });
  const perCell = new Map(input.cellIds.map((id) => [id, zero()]));
  const unpaidMonths = new Map<string, { cellId: string; count: number }>();
  const ruleOf = new Map<string, string>();
  for (const d of input.due) {
    const paid = paidBy.get(key(d.memberId, d.month)) ?? 0;
    const outstanding = Math.max(0, d.amount - paid);
    ruleOf.set(key(d.memberId, d.month), d.ruleVersionId);
    if (outstanding > 0) {
      const u = unpaidMonths.get(d.memberId) ?? { cellId: d.cellId, count: 0 };
      u.count++;
      unpaidMonths.set(d.memberId, u);
    }
    const cell = perCell.get(d.cellId);
    if (!cell || !inPeriod.has(d.month)) continue;
    cell.due += d.amount;
    cell.outstanding += outstanding;
  }
  for (const p of input.paid) {
    const cell = perCell.get(p.cellId);
    if (cell && inPeriod.has(p.month)) cell.paid += p.amount;
  }
  const flagged = new Map<string, number>();
  for (const u of unpaidMonths.values())
    if (u.count >= UNPAID_MONTHS_FLAG) flagged.set(u.cellId, (flagged.get(u.cellId) ?? 0) + 1);

  // Totals up the tree: each cell's amounts added to every org from it up to the root.
  const perOrg = new Map<string, Amounts>();
  const totals = zero();
  for (const [cellId, a] of perCell) {
    totals.due += a.due;
    totals.paid += a.paid;
    totals.outstanding += a.outstanding;
    for (let id: string | null = cellId; id !== null;) {
      const org = input.orgs.get(id);
      if (!org) break;
      const sum = perOrg.get(id) ?? zero();
      sum.due += a.due;
      sum.paid += a.paid;
      sum.outstanding += a.outstanding;
      perOrg.set(id, sum);
      if (id === input.rootId) break;
      id = org.parentId;
    }
  }

  // The split: paid amounts grouped by cell, rule version and direction, each group split along
  // the cell's chain to the top, parts summed per rule version, direction and org.
  const groups = new Map<string, PaidGroup>();
  let unsplit = 0;
  for (const p of input.paid) {
    if (!inPeriod.has(p.month)) continue;
    const rule =
      ruleOf.get(key(p.memberId, p.month)) ??
      (() => {
        const r = ruleFor(p.month, input.rules);
        return r.ok ? r.value.id : null;
      })();
    const direction = input.orgs.get(p.collectingOrgId)?.allocationDirection ?? 'bottom_up';
    if (!rule) {
      unsplit += p.amount;
      continue;
    }
    const k = `${p.cellId}|${rule}|${direction}`;
    const g = groups.get(k) ?? { cellId: p.cellId, rule, direction, amount: 0 };
    g.amount += p.amount;
    groups.set(k, g);
  }
  const splits = new Map<string, OrgReport['split'][number]>();
  for (const g of groups.values()) {
    const version = input.rules.find((r) => r.id === g.rule);
    const chain = chainOf(g.cellId, input.orgs);
    const parts = version ? splitAmount(g.amount, chain, version, g.direction) : null;
    if (!parts?.ok) {
      unsplit += g.amount;
      continue;
    }
    const k = `${g.rule}|${g.direction}`;
    const s = splits.get(k) ?? {
      ruleVersionId: g.rule,
      direction: g.direction,
      collected: 0,
      parts: [],
    };
    s.collected += g.amount;
    for (const part of parts.value) {
      const existing = s.parts.find((x) => x.orgId === part.orgId);
      if (existing) existing.amount += part.amount;
      else s.parts.push({ orgId: part.orgId, level: part.level, amount: part.amount });
    }
    splits.set(k, s);
  }
  const depthOf = (id: string) => input.orgs.get(id)?.depth ?? 0;
  return {
    cells: input.cellIds.map((cellId) => ({
      cellId,
      ...(perCell.get(cellId) ?? zero()),
      members: input.memberCounts.get(cellId) ?? 0,
      flaggedMembers: flagged.get(cellId) ?? 0,
    })),
    orgs: [...perOrg.entries()]
      .filter(([id]) => !cellSet.has(id))
      .map(([orgId, a]) => ({ orgId, ...a })),
    totals,
    split: [...splits.values()].map((s) => ({
      ...s,
      // Top first, as the levels are read on paper.
      parts: [...s.parts].sort((a, b) => depthOf(a.orgId) - depthOf(b.orgId)),
    })),
    unsplit,
  };
}

/** The chain from the cell (first) to the top org (last), with the commune/ward flag set. */
export function chainOf(cellId: string, orgs: ReadonlyMap<string, ReportOrg>): ChainOrg[] {
  const chain: ChainOrg[] = [];
  for (let org = orgs.get(cellId); org; org = org.parentId ? orgs.get(org.parentId) : undefined) {
    const parent = org.parentId ? orgs.get(org.parentId) : undefined;
    chain.push({
      orgId: org.id,
      type: org.type,
      communeOrWard: parent ? isCommuneOrWardCommittee(parent) : false,
    });
  }
  return chain;
}
