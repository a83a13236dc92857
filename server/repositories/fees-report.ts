import { sql } from 'kysely';
import type { DueRow, PaidRow, ReportOrg } from '../../src/domain/fees/org-report';
import { pathIds } from '../scope/scope';
import type { Db } from './db';
import { pathInSubtrees } from './scope-sql';

/** The rows an org's fee report is built from: subtree and ancestors, due and paid, members. */
export async function orgReportRows(db: Db, root: { path: string }, from: string, to: string) {
  const inSubtree = pathInSubtrees(sql.ref('c.path'), [root.path]);
  const [orgRows, ancestors, due, paid, members] = await Promise.all([
    db
      .selectFrom('orgs as c')
      .select([
        'c.id',
        'c.name',
        'c.parent_id',
        'c.type',
        'c.depth',
        'c.allocation_direction',
        'c.code',
      ])
      .where(inSubtree)
      .where('c.deleted', '=', 0)
      .execute(),
    db
      .selectFrom('orgs as c')
      .select([
        'c.id',
        'c.name',
        'c.parent_id',
        'c.type',
        'c.depth',
        'c.allocation_direction',
        'c.code',
      ])
      .where('c.id', 'in', pathIds(root.path))
      .execute(),
    db
      .selectFrom('fee_approvals as a')
      .innerJoin('orgs as c', 'c.id', 'a.cell_id')
      .select(['a.cell_id', 'a.member_id', 'a.month', 'a.amount', 'a.rule_version'])
      .where(inSubtree)
      .where('a.month', '>=', from)
      .where('a.month', '<=', to)
      .execute(),
    db
      .selectFrom('fee_payment_items as i')
      .innerJoin('fee_payments as p', 'p.id', 'i.payment_id')
      .innerJoin('orgs as c', 'c.id', 'p.cell_id')
      .innerJoin('org_bank_accounts as b', 'b.id', 'p.bank_account_id')
      .select(['p.cell_id', 'i.member_id', 'i.month', 'i.amount', 'b.org_id'])
      .where(inSubtree)
      .where('p.status', '=', 'success')
      .where('i.month', '>=', from)
      .where('i.month', '<=', to)
      .execute(),
    db
      .selectFrom('members as m')
      .innerJoin('orgs as c', 'c.id', 'm.home_org_id')
      .select(['m.home_org_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where(inSubtree)
      .where('m.deleted', '=', 0)
      .where('m.status', '=', 'active')
      .groupBy('m.home_org_id')
      .execute(),
  ]);
  const orgs = new Map<string, ReportOrg & { code: string }>();
  for (const r of [...ancestors, ...orgRows])
    orgs.set(r.id, {
      id: r.id,
      name: r.name,
      code: r.code,
      parentId: r.parent_id,
      type: r.type as ReportOrg['type'],
      depth: r.depth,
      allocationDirection: r.allocation_direction as ReportOrg['allocationDirection'],
    });
  const cellIds = orgRows
    .filter((r) => r.type === 'grassroots_cell' || r.type === 'affiliated_cell')
    .map((r) => r.id);
  // Collecting orgs above the subtree's ancestors do not exist (accounts are on the path).
  return {
    orgs,
    cellIds,
    due: due.map((r): DueRow => ({
      cellId: r.cell_id,
      memberId: r.member_id,
      month: r.month,
      amount: Number(r.amount),
      ruleVersionId: r.rule_version,
    })),
    paid: paid.map((r): PaidRow => ({
      cellId: r.cell_id,
      memberId: r.member_id,
      month: r.month,
      amount: Number(r.amount),
      collectingOrgId: r.org_id,
    })),
    memberCounts: new Map(members.map((r) => [r.home_org_id, Number(r.n)])),
  };
}
