import type { ExpressionBuilder } from 'kysely';
import type { FeeProfileResponse } from '../../src/api/fees';
import type { ServerDatabase } from '../../src/db/server-schema';
import type { FeeProfile } from '../../src/domain/fees/profile';
import type { Db } from './db';

/** Counts and amounts come back as strings from pg bigint columns. */
const num = (v: number | string | bigint) => Number(v);
const numOrNull = (v: number | string | bigint | null) => (v === null ? null : Number(v));

/** Payments that hold a member's month: settled ones, and unknown ones that may still succeed. */
const HOLDING_STATUSES = ['unknown', 'success'] as const;

export async function upsertFeeProfile(
  db: Db,
  memberId: string,
  profile: FeeProfile,
  userId: string,
  now: Date,
): Promise<FeeProfileResponse> {
  const values = {
    category: profile.category,
    base: profile.base,
    fixed_amount: profile.fixedAmount,
    voluntary_extra: profile.voluntaryExtra,
    exemption: profile.exemption,
    updated_by: userId,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('fee_profiles')
    .values({ member_id: memberId, ...values })
    .onConflict((oc) => oc.column('member_id').doUpdateSet(values))
    .execute();
  return { memberId, ...profile, updatedAt: values.updated_at };
}

export interface CellMemberFeeRow {
  memberId: string;
  fullName: string;
  profile: FeeProfile | null;
  approval: {
    amount: number;
    computedAmount: number;
    adjustReason: string | null;
    approvedBy: string;
    approvedByName: string | null;
  } | null;
  /** Status of the payment holding this month, if any. */
  paidStatus: 'unknown' | 'success' | null;
}

/** The cell's registered members (Vietnamese name order) with profile, approval and payment. */
export async function cellMemberFees(
  db: Db,
  cellId: string,
  month: string,
  memberIds?: readonly string[],
): Promise<CellMemberFeeRow[]> {
  let q = memberFeesQuery(db, month)
    .leftJoin('users as au', 'au.id', 'a.approved_by')
    .select(['m.full_name', 'au.full_name as approved_by_name'])
    .where('m.home_org_id', '=', cellId);
  if (memberIds) q = q.where('m.id', 'in', memberIds.length > 0 ? memberIds : ['']);
  const rows = await q.orderBy('m.sort_key').orderBy('m.id').execute();
  return rows.map((r) => ({ memberId: r.id, fullName: r.full_name, ...memberFeeOf(r) }));
}

/** A member's month as `cellMemberFees` and the bulk approval read it, in raw columns. */
export interface MemberFeeColumns {
  category: string | null;
  base: number | string | bigint | null;
  fixed_amount: number | string | bigint | null;
  voluntary_extra: number | string | bigint | null;
  exemption: string | null;
  amount: number | string | bigint | null;
  computed_amount: number | string | bigint | null;
  adjust_reason: string | null;
  approved_by: string | null;
  /** Left out where names are not read. */
  approved_by_name?: string | null;
  paid_status: string | null;
}

/** Profile, approval and holding payment of a member's month, from its raw columns. */
export function memberFeeOf(
  r: MemberFeeColumns,
): Pick<CellMemberFeeRow, 'profile' | 'approval' | 'paidStatus'> {
  return {
    profile:
      r.category === null
        ? null
        : {
            category: r.category as FeeProfile['category'],
            base: numOrNull(r.base),
            fixedAmount: numOrNull(r.fixed_amount),
            voluntaryExtra: num(r.voluntary_extra ?? 0),
            exemption: r.exemption,
          },
    approval:
      r.amount === null || r.computed_amount === null
        ? null
        : {
            amount: num(r.amount),
            computedAmount: num(r.computed_amount),
            adjustReason: r.adjust_reason,
            approvedBy: r.approved_by ?? '',
            approvedByName: r.approved_by_name ?? null,
          },
    paidStatus: (r.paid_status ?? null) as CellMemberFeeRow['paidStatus'],
  };
}

/**
 * Active members (`m`) with their fee profile (`p`), the month's approval (`a`) and the status of
 * the payment holding the month: the columns `memberFeeOf` reads. Callers pick the members.
 */
export function memberFeesQuery(db: Db, month: string) {
  return db
    .selectFrom('members as m')
    .leftJoin('fee_profiles as p', 'p.member_id', 'm.id')
    .leftJoin('fee_approvals as a', (j) =>
      j.onRef('a.member_id', '=', 'm.id').on('a.month', '=', month),
    )
    .select([
      'm.id',
      'p.category',
      'p.base',
      'p.fixed_amount',
      'p.voluntary_extra',
      'p.exemption',
      'a.amount',
      'a.computed_amount',
      'a.adjust_reason',
      'a.approved_by',
    ])
    .select((eb) => holdingPaymentStatus(eb, month))
    .where('m.deleted', '=', 0)
    .where('m.status', '=', 'active');
}

/** The status of the payment holding member `m`'s month, if any (a settled one first). */
function holdingPaymentStatus(
  eb: ExpressionBuilder<ServerDatabase & { m: ServerDatabase['members'] }, 'm'>,
  month: string,
) {
  return eb
    .selectFrom('fee_payment_items as i')
    .innerJoin('fee_payments as pay', 'pay.id', 'i.payment_id')
    .select('pay.status')
    .whereRef('i.member_id', '=', 'm.id')
    .where('i.month', '=', month)
    .where('pay.status', 'in', HOLDING_STATUSES)
    .orderBy('pay.status', 'desc')
    .limit(1)
    .as('paid_status');
}

export interface ApprovalInput {
  memberId: string;
  computedAmount: number;
  amount: number;
  adjustReason: string | null;
  ruleVersion: string;
}

/** Approves (or re-approves, while unpaid) members' amounts for a month. */
export async function saveApprovals(
  db: Db,
  cellId: string,
  month: string,
  approvals: readonly ApprovalInput[],
  userId: string,
  now: Date,
): Promise<void> {
  if (approvals.length === 0) return;
  const at = now.toISOString();
  const run = async (trx: Db) => {
    for (let i = 0; i < approvals.length; i += 500) {
      const rows = approvals.slice(i, i + 500).map((a) => ({
        member_id: a.memberId,
        month,
        cell_id: cellId,
        computed_amount: a.computedAmount,
        amount: a.amount,
        adjust_reason: a.adjustReason,
        rule_version: a.ruleVersion,
        approved_by: userId,
        approved_at: at,
      }));
      await trx
        .insertInto('fee_approvals')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['member_id', 'month']).doUpdateSet((eb) => ({
            cell_id: eb.ref('excluded.cell_id'),
            computed_amount: eb.ref('excluded.computed_amount'),
            amount: eb.ref('excluded.amount'),
            adjust_reason: eb.ref('excluded.adjust_reason'),
            rule_version: eb.ref('excluded.rule_version'),
            approved_by: eb.ref('excluded.approved_by'),
            approved_at: eb.ref('excluded.approved_at'),
          })),
        )
        .execute();
    }
  };
  await (db.isTransaction ? run(db) : db.transaction().execute(run));
}

/** The org a live member is registered in, or null. */
export async function memberHomeOrgId(db: Db, memberId: string): Promise<string | null> {
  const row = await db
    .selectFrom('members')
    .select('home_org_id')
    .where('id', '=', memberId)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row?.home_org_id ?? null;
}
