import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import {
  HOLIDAY_YEAR_ENTITY,
  RESIDENCE_CAMPAIGN_ENTITY,
  type PullChange,
  type SyncEntity,
} from '../../src/api/sync';
import type { ServerEngine } from '../../src/db/server-db';
import type { Role } from '../../src/domain/people/user';
import type { Scope } from '../scope/scope';
import type { Db, Trx } from './db';
import { memberFromRow } from './members';
import { bankAccountFromRow, orgFromRow } from './orgs';
import { currentRev } from './revisions';
import { pathInSubtrees } from './scope-sql';
import { readResidenceChanges } from './residence-pull';
import { readAccountChanges } from './accounts-pull';
import { holidayYearFromRow, holidayYearRowsAfter } from './holidays';
import { campaignsAfter } from './residence-campaigns';
import { readDossierChanges } from './transfers-pull';
import { userWireFromRow } from './users';

export interface PullPage {
  changes: PullChange[];
  hasMore: boolean;
  /** The rev the next pull continues after. */
  lastRev: number;
}

/**
 * How each table is searched. `revScan` walks the rev index and filters by scope: cheap when few
 * revs follow the cursor or the scope holds most rows. `orgFirst` starts from the scope's orgs
 * (path index) and sorts their rows by rev: cheap for a small scope on a big database, where a
 * rev scan would read the whole table to find a ward's rows.
 */
export type PullPlan = 'revScan' | 'orgFirst';

/** A rev range this short is cheap to scan whatever the scope. */
export const REV_SCAN_ALWAYS = 20_000;
/** Scopes with more orgs hold a large share of the rows: scanning in rev order wastes little. */
export const ORG_FIRST_MAX_ORGS = 2_000;

/** Which rows a reader returns: rev in (afterRev, upTo], the lowest `limit` of them. */
interface Window {
  afterRev: number;
  upTo: number | null;
  limit: number;
}

type Reader = (trx: Trx, scope: Scope, plan: PullPlan, w: Window) => Promise<PullChange[]>;

/**
 * The changes after `afterRev` that the scope may see, at most `limit`, in rev order. Each table
 * gives its `limit + 1` lowest visible revs below the best bound found so far; merged and cut,
 * that is exactly the `limit` lowest of all. Everything is read in one snapshot, so the counter
 * read there bounds what is committed.
 */
export async function pullChanges(
  db: Db,
  engine: ServerEngine,
  scope: Scope,
  afterRev: number,
  limit: number,
  forcePlan?: PullPlan,
): Promise<PullPage> {
  let tx = db.transaction();
  if (engine === 'postgres')
    tx = tx.setIsolationLevel('repeatable read').setAccessMode('read only');
  return tx.execute(async (trx) => {
    const counter = await currentRev(trx);
    const plan = forcePlan ?? (await choosePlan(trx, scope, counter - afterRev));
    const found: PullChange[] = [];
    let upTo: number | null = null;
    for (const read of READERS) {
      found.push(...(await read(trx, scope, plan, { afterRev, upTo, limit: limit + 1 })));
      if (found.length > limit) {
        // Only the limit + 1 lowest matter; later tables need not look above them.
        found.sort((a, b) => a.rev - b.rev);
        found.length = limit + 1;
        upTo = found[limit]!.rev;
      }
    }
    found.sort((a, b) => a.rev - b.rev);
    const hasMore = found.length > limit;
    let page = found.slice(0, limit);
    const firstLeft = found[limit];
    if (firstLeft) {
      // Revs are unique per row; should a writer ever share one, never split it across pages.
      const whole = page.filter((c) => c.rev < firstLeft.rev);
      if (whole.length > 0) page = whole;
    }
    const last = page[page.length - 1];
    return {
      changes: page,
      hasMore,
      lastRev: hasMore ? (last?.rev ?? afterRev) : Math.max(counter, last?.rev ?? afterRev),
    };
  });
}

async function choosePlan(trx: Trx, scope: Scope, revsAhead: number): Promise<PullPlan> {
  if (revsAhead <= REV_SCAN_ALWAYS) return 'revScan';
  const { n } = await trx
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(pathInSubtrees(sql.ref('path'), scope.subtreePaths))
    .executeTakeFirstOrThrow();
  return Number(n) <= ORG_FIRST_MAX_ORGS ? 'orgFirst' : 'revScan';
}

/**
 * The window on a rev column. Under `orgFirst` the column is hidden from the planners (`+ 0`) so
 * that neither SQLite nor PostgreSQL walks the rev index instead of starting from the orgs.
 */
function revIn(column: string, plan: PullPlan, w: Window): RawBuilder<SqlBool> {
  const rev: Expression<number> =
    plan === 'revScan' ? sql.ref(column) : sql<number>`(${sql.ref(column)} + 0)`;
  return w.upTo === null
    ? sql<SqlBool>`${rev} > ${w.afterRev}`
    : sql<SqlBool>`${rev} > ${w.afterRev} and ${rev} <= ${w.upTo}`;
}

const orderKey = (column: string, plan: PullPlan) =>
  plan === 'revScan' ? sql.ref(column) : sql`${sql.ref(column)} + 0`;

const inScope = (path: string, scope: Scope) => pathInSubtrees(sql.ref(path), scope.subtreePaths);
const outOfScope = (path: string, scope: Scope) => sql<SqlBool>`not ${inScope(path, scope)}`;

const removed = (entity: SyncEntity, id: string, rev: number): PullChange => ({
  op: 'delete',
  entity,
  id,
  rev: Number(rev),
});

const readOrgs: Reader = async (trx, scope, plan, w) => {
  const rows = await trx
    .selectFrom('orgs')
    .selectAll()
    .where(revIn('rev', plan, w))
    .where((eb) =>
      eb.or([
        inScope('path', scope),
        ...(scope.ancestorIds.length > 0 ? [eb('id', 'in', scope.ancestorIds)] : []),
      ]),
    )
    .orderBy(orderKey('rev', plan))
    .limit(w.limit)
    .execute();
  return rows.map((row) =>
    row.deleted
      ? removed('org', row.id, row.rev)
      : { op: 'upsert', entity: 'org', id: row.id, rev: Number(row.rev), data: orgFromRow(row) },
  );
};

const readBankAccounts: Reader = async (trx, scope, plan, w) => {
  const rows = await trx
    .selectFrom('orgs as o')
    .innerJoin('org_bank_accounts as b', 'b.org_id', 'o.id')
    .selectAll('b')
    .where(revIn('b.rev', plan, w))
    .where(inScope('o.path', scope))
    .orderBy(orderKey('b.rev', plan))
    .limit(w.limit)
    .execute();
  return rows.map((row) =>
    row.deleted
      ? removed('bankAccount', row.id, row.rev)
      : {
          op: 'upsert',
          entity: 'bankAccount',
          id: row.id,
          rev: Number(row.rev),
          data: bankAccountFromRow(row),
        },
  );
};

const readMembers: Reader = async (trx, scope, plan, w) => {
  // Registered in scope, or living in scope while registered elsewhere: each member once.
  const registered = trx
    .selectFrom('orgs as o')
    .innerJoin('members as m', 'm.home_org_id', 'o.id')
    .selectAll('m')
    .where(inScope('o.path', scope))
    .where(revIn('m.rev', plan, w));
  const residing = trx
    .selectFrom('orgs as o')
    .innerJoin('members as m', 'm.residence_org_id', 'o.id')
    .innerJoin('orgs as h', 'h.id', 'm.home_org_id')
    .selectAll('m')
    .where(inScope('o.path', scope))
    .where(outOfScope('h.path', scope))
    .where(revIn('m.rev', plan, w));
  const rows =
    plan === 'orgFirst'
      ? await registered.unionAll(residing).orderBy('rev').limit(w.limit).execute()
      : await trx
          .selectFrom('members as m')
          .innerJoin('orgs as h', 'h.id', 'm.home_org_id')
          .leftJoin('orgs as r', 'r.id', 'm.residence_org_id')
          .selectAll('m')
          .where(revIn('m.rev', plan, w))
          .where((eb) => eb.or([inScope('h.path', scope), inScope('r.path', scope)]))
          .orderBy('m.rev')
          .limit(w.limit)
          .execute();
  // The caller's own record, wherever it is registered (the member role's whole view of members).
  const self =
    scope.memberId === null
      ? []
      : await trx
          .selectFrom('members as m')
          .innerJoin('orgs as h', 'h.id', 'm.home_org_id')
          .leftJoin('orgs as r', 'r.id', 'm.residence_org_id')
          .selectAll('m')
          .where('m.id', '=', scope.memberId)
          .where(outOfScope('h.path', scope))
          .where((eb) => eb.or([eb('r.path', 'is', null), outOfScope('r.path', scope)]))
          .where(revIn('m.rev', 'revScan', w))
          .execute();
  return lowest(rows, self, w.limit).map((row) =>
    row.deleted
      ? removed('member', row.id, row.rev)
      : {
          op: 'upsert',
          entity: 'member',
          id: row.id,
          rev: Number(row.rev),
          data: memberFromRow(row),
        },
  );
};

/** The lowest `limit` rows of two lists that are each in rev order. */
function lowest<R extends { rev: number }>(a: R[], b: R[], limit: number): R[] {
  return b.length === 0 ? a : [...a, ...b].sort((x, y) => x.rev - y.rev).slice(0, limit);
}

const readUsers: Reader = async (trx, scope, plan, w) => {
  const inTree = await trx
    .selectFrom('orgs as o')
    .innerJoin('users as u', 'u.org_id', 'o.id')
    .selectAll('u')
    .where(inScope('o.path', scope))
    .where(revIn('u.rev', plan, w))
    .orderBy(orderKey('u.rev', plan))
    .limit(w.limit)
    .execute();
  // The caller always sees their own account, wherever it sits.
  const self = await trx
    .selectFrom('orgs as o')
    .innerJoin('users as u', 'u.org_id', 'o.id')
    .selectAll('u')
    .where('u.id', '=', scope.userId)
    .where(outOfScope('o.path', scope))
    .where(revIn('u.rev', 'revScan', w))
    .execute();
  return lowest(inTree, self, w.limit).map((row) =>
    row.deleted
      ? removed('user', row.id, row.rev)
      : {
          op: 'upsert',
          entity: 'user',
          id: row.id,
          rev: Number(row.rev),
          data: userWireFromRow(row),
        },
  );
};

const readUserRoles: Reader = async (trx, scope, plan, w) => {
  // Grants travel with their user: visible where the user is.
  const inTree = await trx
    .selectFrom('orgs as o')
    .innerJoin('users as u', 'u.org_id', 'o.id')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .selectAll('r')
    .where(inScope('o.path', scope))
    .where(revIn('r.rev', plan, w))
    .orderBy(orderKey('r.rev', plan))
    .limit(w.limit)
    .execute();
  const own = await trx
    .selectFrom('orgs as o')
    .innerJoin('users as u', 'u.org_id', 'o.id')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .selectAll('r')
    .where('u.id', '=', scope.userId)
    .where(outOfScope('o.path', scope))
    .where(revIn('r.rev', 'revScan', w))
    .execute();
  return lowest(inTree, own, w.limit).map((row) =>
    row.deleted
      ? removed('userRole', row.id, row.rev)
      : {
          op: 'upsert',
          entity: 'userRole',
          id: row.id,
          rev: Number(row.rev),
          data: { id: row.id, userId: row.user_id, role: row.role as Role, orgId: row.org_id },
        },
  );
};

const readExits: Reader = async (trx, scope, _plan, w) => {
  // Exits are few (moves only): always read in rev order.
  const rows = await trx
    .selectFrom('sync_exits')
    .selectAll()
    .where(revIn('rev', 'revScan', w))
    .where(inScope('old_path', scope))
    .orderBy('rev')
    .limit(w.limit)
    .execute();
  return rows.map((row) => removed(row.entity as SyncEntity, row.entity_id, row.rev));
};

/** In the order the generator and most writers fill them, so the bound tightens early. */
/** The holiday calendar: a handful of rows, every one to every cache, whatever the scope. */
const readHolidayYears: Reader = async (trx, _scope, _plan, w) => {
  const rows = await holidayYearRowsAfter(trx, w);
  return rows.map((row) => ({
    op: 'upsert',
    entity: HOLIDAY_YEAR_ENTITY,
    id: row.id,
    rev: Number(row.rev),
    data: holidayYearFromRow(row),
  }));
};

/** The residence campaigns: one row per committee and year, every one to every cache. */
const readResidenceCampaigns: Reader = async (trx, _scope, _plan, w) =>
  (await campaignsAfter(trx, w)).map(({ id, rev, data }) => ({
    op: 'upsert',
    entity: RESIDENCE_CAMPAIGN_ENTITY,
    id,
    rev,
    data,
  }));

const READERS: Reader[] = [
  readOrgs,
  readBankAccounts,
  readMembers,
  readUsers,
  readUserRoles,
  (trx, scope, _plan, w) => readDossierChanges(trx, scope, w),
  (trx, scope, _plan, w) => readResidenceChanges(trx, scope, w),
  (trx, scope, _plan, w) => readAccountChanges(trx, scope, w),
  readHolidayYears,
  readResidenceCampaigns,
  readExits,
];
