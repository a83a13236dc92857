import { sql } from 'kysely';
import { planApprovals } from '../../src/domain/fees/approve';
import type { FeeRuleTable } from '../../src/domain/fees/rules';
import { isCell, OrgType } from '../../src/domain/org/org-types';
import type { Db } from './db';
import { memberFeeOf, memberFeesQuery, type CellMemberFeeRow } from './fees';
import { approvalCandidatesOf } from './fees-sheet';
import { pathInSubtrees } from './scope-sql';

const CELL_TYPES = OrgType.options.filter(isCell);
/**
 * Cells read, planned and written per transaction: a province's ~14,600 cells in 8 steps of
 * ~50,000 members. Fewer, larger transactions write each touched index page to the WAL fewer
 * times; one SQLite write lock is held one to two seconds per step.
 */
const CELLS_PER_BATCH = 2000;
/** 9 columns × 1,000 rows stays under SQLite's bound-parameter limit (and PostgreSQL's). */
const ROWS_PER_INSERT = 1000;

export interface BulkApproval {
  /** The org whose subtree's cells are approved (a cell itself, or any committee above). */
  orgPath: string;
  month: string;
  rules: FeeRuleTable;
  /** The rule version in force that month, recorded on every row as the per-cell path does. */
  ruleVersion: string;
  ceiling: number;
  userId: string;
  now: Date;
  cellsPerBatch?: number;
  /** Filled with where the time went (ms), for the benchmark and the log. */
  profile?: BulkApprovalProfile;
}

export interface BulkApprovalProfile {
  readMs: number;
  planMs: number;
  writeMs: number;
}

export interface BulkApprovalCounts {
  cells: number;
  /** Active members registered in those cells. */
  members: number;
  /** Approved now, at the computed amount. */
  approved: number;
  /** Approved before (by anyone, adjusted or not): left as they were. */
  alreadyApproved: number;
  /** Paid while unapproved (should not happen): left alone, as the per-cell path does. */
  paid: number;
  /** No profile, or a profile the month's rules cannot compute: left unapproved. */
  notComputable: number;
}

/**
 * Approves, at the computed amount, every member of every cell under an org who is not approved
 * for the month yet: what each cell's secretary does with "approve all", in set-based steps.
 * Per batch of cells, one transaction reads the members with profile, approval and holding
 * payment, plans them with the same rules as the per-cell path (`planApprovals`, leaving every
 * existing approval alone) and inserts the rows in multi-row statements. A row someone wrote
 * meanwhile wins (`on conflict do nothing`), so a rerun after an interruption approves the rest.
 */
export async function approveOrgMonth(db: Db, job: BulkApproval): Promise<BulkApprovalCounts> {
  const cells = await cellsUnder(db, job.orgPath);
  const counts: BulkApprovalCounts = {
    cells: cells.length,
    members: 0,
    approved: 0,
    alreadyApproved: 0,
    paid: 0,
    notComputable: 0,
  };
  const per = job.cellsPerBatch ?? CELLS_PER_BATCH;
  for (let i = 0; i < cells.length; i += per) {
    const batch = cells.slice(i, i + per);
    const step = (trx: Db) => approveCells(trx, batch, job, counts);
    await (db.isTransaction ? step(db) : db.transaction().execute(step));
  }
  return counts;
}

async function approveCells(
  trx: Db,
  cellIds: readonly string[],
  job: BulkApproval,
  counts: BulkApprovalCounts,
): Promise<void> {
  const clock = stopwatch(job.profile);
  const rows = await cellsMemberFees(trx, cellIds, job.month);
  clock('readMs');
  const candidates = approvalCandidatesOf(rows, job.month, job.rules);
  // An actor makes "all" skip every existing approval, as for an approval queued offline.
  const plan = planApprovals(
    candidates,
    { all: true, items: [] },
    { ceiling: job.ceiling, actorUserId: job.userId },
  );
  if (!plan.ok) throw new Error(`bulk approval plan failed: ${plan.message}`);
  counts.members += rows.length;
  for (const c of candidates) {
    if (c.approval) counts.alreadyApproved++;
    else if (c.paid) counts.paid++;
    else if (c.computedAmount === null) counts.notComputable++;
  }
  const cellOf = new Map(rows.map((r) => [r.memberId, r.cellId]));
  const at = job.now.toISOString();
  // In primary-key order: the key index fills page by page instead of at random places, which
  // made SQLite's writes about 1.5× faster (docs/performance.md, party fees).
  const planned = plan.value.sort((a, b) =>
    a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0,
  );
  clock('planMs');
  for (let i = 0; i < planned.length; i += ROWS_PER_INSERT) {
    const values = planned.slice(i, i + ROWS_PER_INSERT).map((p) => ({
      member_id: p.memberId,
      month: job.month,
      cell_id: cellOf.get(p.memberId) ?? '',
      computed_amount: p.computedAmount,
      amount: p.amount,
      adjust_reason: p.adjustReason,
      rule_version: job.ruleVersion,
      approved_by: job.userId,
      approved_at: at,
    }));
    const [result] = await trx
      .insertInto('fee_approvals')
      .values(values)
      .onConflict((oc) => oc.columns(['member_id', 'month']).doNothing())
      .execute();
    const inserted = Number(result?.numInsertedOrUpdatedRows ?? 0);
    counts.approved += inserted;
    counts.alreadyApproved += values.length - inserted;
  }
  clock('writeMs');
}

/** Adds the time since the last call to the named phase of `profile` (a no-op without one). */
function stopwatch(profile: BulkApprovalProfile | undefined) {
  let last = performance.now();
  return (phase: keyof BulkApprovalProfile) => {
    const now = performance.now();
    if (profile) profile[phase] += now - last;
    last = now;
  };
}

/** Live cells in the org's subtree (the org itself if it is one). */
async function cellsUnder(db: Db, orgPath: string): Promise<string[]> {
  const rows = await db
    .selectFrom('orgs as c')
    .select('c.id')
    .where(pathInSubtrees(sql.ref<string>('c.path'), [orgPath]))
    .where('c.type', 'in', CELL_TYPES)
    .where('c.deleted', '=', 0)
    .orderBy('c.path')
    .execute();
  return rows.map((r) => r.id);
}

/** `cellMemberFees` for many cells in one query, without members' and approvers' names. */
async function cellsMemberFees(
  db: Db,
  cellIds: readonly string[],
  month: string,
): Promise<(CellMemberFeeRow & { cellId: string })[]> {
  if (cellIds.length === 0) return [];
  const rows = await memberFeesQuery(db, month)
    .select('m.home_org_id')
    .where('m.home_org_id', 'in', cellIds)
    .execute();
  return rows.map((r) => ({
    memberId: r.id,
    cellId: r.home_org_id,
    // Names only go into messages about listed members; "all" lists none (and skips 0.5 s).
    fullName: '',
    ...memberFeeOf(r),
  }));
}
