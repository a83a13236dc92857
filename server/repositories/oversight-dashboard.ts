import { sql } from 'kysely';
import { AccountRequestStatus } from '../../src/domain/accounts/account-request';
import {
  collectionRate,
  type Dashboard,
  type DossierCount,
} from '../../src/domain/oversight/dashboard';
import { FINAL_STATUSES } from '../../src/domain/procedures/transfer-dossier';
import type { Db } from './db';
import { pathInSubtrees } from './scope-sql';

const count = sql<number>`count(*)`;

/** Rows of `status, n` as numbers (PostgreSQL answers counts as strings). */
const tally = (rows: { status: string; n: number | string | bigint }[]) =>
  new Map(rows.map((r) => [r.status, Number(r.n)]));

/**
 * The dashboard's counts of a subtree (src/domain/oversight/dashboard.ts), one grouped query per
 * card, each a range scan of the path index joined to the table it counts.
 */
export async function dashboardCounts(db: Db, rootPath: string, today: string): Promise<Dashboard> {
  const inSubtree = pathInSubtrees(sql.ref('o.path'), [rootPath]);
  const month = today.slice(0, 7);

  const users = tally(
    await db
      .selectFrom('users as u')
      .innerJoin('orgs as o', 'o.id', 'u.org_id')
      .select(['u.status', count.as('n')])
      .where(inSubtree)
      .where('u.deleted', '=', 0)
      .groupBy('u.status')
      .execute(),
  );

  const registrations = tally(
    await db
      .selectFrom('account_requests as a')
      .innerJoin('orgs as o', 'o.id', 'a.deciding_org_id')
      .select(['a.status', count.as('n')])
      .where(inSubtree)
      .where('a.kind', '=', 'registration')
      .where('a.deleted', '=', 0)
      .groupBy('a.status')
      .execute(),
  );

  // A transfer counts where its route touches the subtree (the dossiers' own scope rule).
  const transfersInScope = db
    .selectFrom('transfer_dossiers as d')
    .where('d.deleted', '=', 0)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('transfer_route_orgs as ro')
          .innerJoin('orgs as o', 'o.id', 'ro.org_id')
          .select('ro.org_id')
          .whereRef('ro.dossier_id', '=', 'd.id')
          .where(inSubtree),
      ),
    );
  const transfers = await transfersInScope
    .select(['d.status', count.as('n')])
    .groupBy('d.status')
    .execute();
  const overdueTransfers = await transfersInScope
    .select(count.as('n'))
    .where('d.status', 'not in', [...FINAL_STATUSES])
    .where('d.present_by', 'is not', null)
    .where('d.present_by', '<', today)
    .executeTakeFirstOrThrow();

  const lists = await db
    .selectFrom('residence_requests as q')
    .innerJoin('orgs as o', 'o.id', 'q.workplace_org_id')
    .select(['q.status', count.as('n')])
    .where(inSubtree)
    .where('q.deleted', '=', 0)
    .groupBy('q.status')
    .execute();

  // A form is the business of its workplace, its residence cell and that cell's committee.
  const formsInScope = db
    .selectFrom('residence_forms as f')
    .where('f.deleted', '=', 0)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('orgs as o')
          .select('o.id')
          .where(({ or, eb }) =>
            or([
              eb('o.id', '=', eb.ref('f.workplace_org_id')),
              eb('o.id', '=', eb.ref('f.residence_org_id')),
              eb('o.id', '=', eb.ref('f.committee_org_id')),
            ]),
          )
          .where(inSubtree),
      ),
    );
  const forms = await formsInScope
    .select(['f.status', count.as('n')])
    .groupBy('f.status')
    .execute();
  const overdueForms = await formsInScope
    .innerJoin('residence_requests as q', 'q.id', 'f.request_id')
    .innerJoin('residence_campaigns as c', (join) =>
      join
        .onRef('c.committee_org_id', '=', 'f.committee_org_id')
        .onRef('c.year', '=', 'q.campaign_year'),
    )
    .select(count.as('n'))
    .where('f.status', '!=', 'sent')
    .where('c.due_on', '<', today)
    .executeTakeFirstOrThrow();

  // Paid: a successful payment holds the member's approved month (one per member and month).
  const fees = await db
    .selectFrom('fee_approvals as a')
    .innerJoin('orgs as o', 'o.id', 'a.cell_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('fee_payment_items as i')
          .innerJoin('fee_payments as p', 'p.id', 'i.payment_id')
          .select(['i.member_id', sql<number>`sum(i.amount)`.as('paid')])
          .where('p.status', '=', 'success')
          .where('i.month', '=', month)
          .groupBy('i.member_id')
          .as('paid'),
      (join) => join.onRef('paid.member_id', '=', 'a.member_id'),
    )
    .select([
      count.as('approved'),
      sql<number>`coalesce(sum(a.amount), 0)`.as('approvedAmount'),
      sql<number>`count(paid.member_id)`.as('paidMembers'),
      sql<number>`coalesce(sum(paid.paid), 0)`.as('paidAmount'),
    ])
    .where(inSubtree)
    .where('a.month', '=', month)
    .executeTakeFirstOrThrow();

  const dossiers: DossierCount[] = [
    ...transfers.map((r) => ({
      procedure: 'transfer' as const,
      status: r.status,
      count: Number(r.n),
    })),
    ...lists.map((r) => ({
      procedure: 'residence_list' as const,
      status: r.status,
      count: Number(r.n),
    })),
    ...forms.map((r) => ({
      procedure: 'residence_form' as const,
      status: r.status,
      count: Number(r.n),
    })),
  ];
  const approvedMembers = Number(fees.approved);
  const paidMembers = Number(fees.paidMembers);
  return {
    users: {
      active: users.get('active') ?? 0,
      inactive: users.get('inactive') ?? 0,
      pending: users.get('pending') ?? 0,
      refused: users.get('refused') ?? 0,
    },
    memberAccounts: Object.fromEntries(
      AccountRequestStatus.options.map((s) => [s, registrations.get(s) ?? 0]),
    ) as Dashboard['memberAccounts'],
    dossiers,
    overdue: { transfers: Number(overdueTransfers.n), residenceForms: Number(overdueForms.n) },
    fees: {
      month,
      approvedMembers,
      paidMembers,
      approvedAmount: Number(fees.approvedAmount),
      paidAmount: Number(fees.paidAmount),
      rate: collectionRate(approvedMembers, paidMembers),
    },
  };
}
