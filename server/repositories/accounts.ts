import { randomUUID } from 'node:crypto';
import { sql, type SqlBool } from 'kysely';
import type { AccountEventWire, AccountRequestWire } from '../../src/api/accounts';
import type { ServerEngine } from '../../src/db/server-db';
import { AccountRequest } from '../../src/domain/accounts/account-request';
import type { Scope } from '../scope/scope';
import type { Db, Trx } from './db';
import { memberFromRow } from './members';
import { nextRev } from './revisions';
import { pathInSubtrees } from './scope-sql';
import { orgNamesOf } from './transfers';

/** A request as stored: the domain's state, its rev and its last change. */
export interface StoredAccountRequest {
  value: AccountRequest;
  rev: number;
  updatedAt: string;
}

/** One line of a request's trail. */
export interface AccountEvent {
  type: AccountEventWire['type'];
  actorUserId: string;
  actorName: string;
  at: string;
  reason: string | null;
}

const parse = (row: { data: string; rev: number | string; updated_at: string }) => ({
  value: AccountRequest.parse(JSON.parse(row.data)),
  rev: Number(row.rev),
  updatedAt: row.updated_at,
});

/** A request by id; on PostgreSQL `forUpdate` locks it until the transaction ends. */
export async function findAccountRequest(
  db: Db,
  id: string,
  opts: { forUpdate?: ServerEngine } = {},
): Promise<StoredAccountRequest | null> {
  let q = db
    .selectFrom('account_requests')
    .select(['data', 'rev', 'updated_at'])
    .where('id', '=', id)
    .where('deleted', '=', 0);
  // SQLite serializes write transactions already; PostgreSQL needs the row lock.
  if (opts.forUpdate === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? parse(row) : null;
}

/** The member a request is about; a registration's record found on file, if any. */
export const memberIdOf = (r: AccountRequest): string | null => r.memberId;

function columnsOf(r: AccountRequest) {
  const numbers =
    r.kind === 'registration'
      ? {
          citizen_id: r.declared.citizenId,
          card_no: r.declared.cardNo,
          profile_no: r.declared.profileNo,
        }
      : { citizen_id: null, card_no: null, profile_no: null };
  return {
    kind: r.kind,
    status: r.status,
    requester_user_id: r.requesterUserId,
    filed_by_user_id: r.filedByUserId,
    deciding_org_id: r.decidingOrgId,
    member_id: memberIdOf(r),
    data: JSON.stringify(r),
    reason: r.reason,
    created_at: r.createdAt,
    decided_at: r.decidedAt,
    ...numbers,
  };
}

async function writeEvent(trx: Trx, requestId: string, rev: number, e: AccountEvent) {
  await trx
    .insertInto('account_request_events')
    .values({
      id: randomUUID(),
      request_id: requestId,
      rev,
      type: e.type,
      actor_user_id: e.actorUserId,
      actor_name: e.actorName,
      at: e.at,
      reason: e.reason,
    })
    .execute();
}

/** Stores a new request with its "filed" event; returns its rev. */
export async function insertAccountRequest(
  trx: Trx,
  request: AccountRequest,
  event: AccountEvent,
  now: Date,
): Promise<number> {
  const rev = await nextRev(trx);
  await trx
    .insertInto('account_requests')
    .values({ id: request.id, ...columnsOf(request), rev, updated_at: now.toISOString() })
    .execute();
  await writeEvent(trx, request.id, rev, event);
  return rev;
}

/** Stores a decided request with its decision's event; returns its rev. */
export async function saveAccountRequest(
  trx: Trx,
  request: AccountRequest,
  event: AccountEvent,
  now: Date,
): Promise<number> {
  const rev = await nextRev(trx);
  await trx
    .updateTable('account_requests')
    .set({ ...columnsOf(request), rev, updated_at: now.toISOString() })
    .where('id', '=', request.id)
    .execute();
  await writeEvent(trx, request.id, rev, event);
  return rev;
}

/** The first event after `rev`: who decided the request since the user saw it. */
export async function firstAccountEventAfter(
  db: Db,
  requestId: string,
  rev: number,
): Promise<AccountEvent | null> {
  const row = await db
    .selectFrom('account_request_events')
    .select(['type', 'actor_user_id', 'actor_name', 'at', 'reason'])
    .where('request_id', '=', requestId)
    .where('rev', '>', rev)
    .orderBy('rev')
    .executeTakeFirst();
  return row ? eventFromRow(row) : null;
}

const eventFromRow = (row: {
  type: string;
  actor_user_id: string;
  actor_name: string;
  at: string;
  reason: string | null;
}): AccountEvent => ({
  type: row.type as AccountEvent['type'],
  actorUserId: row.actor_user_id,
  actorName: row.actor_name,
  at: row.at,
  reason: row.reason,
});

/** The trails of many requests at once, each in rev order. */
export async function accountTrails(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, AccountEvent[]>> {
  const out = new Map<string, AccountEvent[]>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectFrom('account_request_events')
      .select(['request_id', 'type', 'actor_user_id', 'actor_name', 'at', 'reason'])
      .where('request_id', 'in', ids.slice(i, i + 1000))
      .orderBy('rev')
      .execute();
    for (const row of rows)
      out.set(row.request_id, [...(out.get(row.request_id) ?? []), eventFromRow(row)]);
  }
  return out;
}

/** The orgs a request names: its deciding org and the cells of its payload. */
function orgIdsOf(r: AccountRequest): string[] {
  const ids = [r.decidingOrgId];
  switch (r.kind) {
    case 'registration':
      ids.push(
        r.declared.homeOrgId,
        ...(r.declared.residenceOrgId ? [r.declared.residenceOrgId] : []),
      );
      break;
    case 'info_change':
      for (const c of r.changes) if (c.field === 'residenceOrgId' && c.after) ids.push(c.after);
      for (const c of r.changes) if (c.field === 'residenceOrgId' && c.before) ids.push(c.before);
      break;
    case 'position':
      ids.push(r.orgId);
      break;
    case 'cell_change':
      ids.push(r.fromOrgId, r.toOrgId);
      break;
  }
  return [...new Set(ids)];
}

/** The requests as pull and the API send them: with trail, names and the record on file. */
export async function accountRequestWires(
  db: Db,
  stored: readonly StoredAccountRequest[],
): Promise<AccountRequestWire[]> {
  if (stored.length === 0) return [];
  const trails = await accountTrails(
    db,
    stored.map((s) => s.value.id),
  );
  const memberIds = [...new Set(stored.flatMap((s) => memberIdOf(s.value) ?? []))];
  const records = new Map(
    memberIds.length === 0
      ? []
      : (await db.selectFrom('members').selectAll().where('id', 'in', memberIds).execute()).map(
          (row) => [row.id, memberFromRow(row)],
        ),
  );
  const names = await orgNamesOf(
    db,
    stored.flatMap((s) => orgIdsOf(s.value)),
  );
  return stored.map(({ value, rev: _rev, updatedAt }) => {
    const memberId = memberIdOf(value);
    const record = memberId ? (records.get(memberId) ?? null) : null;
    return {
      ...value,
      updatedAt,
      history: (trails.get(value.id) ?? []).map((e) => ({
        type: e.type,
        actorName: e.actorName,
        at: e.at,
        reason: e.reason,
      })),
      memberName:
        value.kind === 'registration' ? value.declared.fullName : (record?.fullName ?? ''),
      orgNames: Object.fromEntries(
        orgIdsOf(value).flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : [])),
      ),
      recordOnFile: record,
    };
  });
}

type Window = { afterRev: number; upTo: number | null; limit: number };

/**
 * What a scope reads of requests: its staff subtrees hold the deciding org or the member's cell,
 * or the caller is the requester.
 */
export const accountRequestVisibleTo = (scope: Scope) => {
  const orgIn = sql<SqlBool>`exists (select 1 from orgs o where o.id = a.deciding_org_id and ${pathInSubtrees(sql.ref('o.path'), scope.subtreePaths)})`;
  const memberIn = sql<SqlBool>`exists (select 1 from members m inner join orgs h on h.id = m.home_org_id where m.id = a.member_id and ${pathInSubtrees(sql.ref('h.path'), scope.subtreePaths)})`;
  const own = sql<SqlBool>`a.requester_user_id = ${scope.userId}`;
  return sql<SqlBool>`(${orgIn} or ${memberIn} or ${own})`;
};

/** Requests the scope reads, in rev order after the window's start (pull). */
export async function accountRequestRowsInScope(trx: Trx, scope: Scope, w: Window) {
  let q = trx
    .selectFrom('account_requests as a')
    .select(['a.data', 'a.rev', 'a.updated_at'])
    .where('a.rev', '>', w.afterRev)
    .where('a.deleted', '=', 0)
    .where(accountRequestVisibleTo(scope));
  if (w.upTo !== null) q = q.where('a.rev', '<=', w.upTo);
  const rows = await q.orderBy('a.rev').limit(w.limit).execute();
  return rows.map(parse);
}

/** One request if the scope reads it, else null. */
export async function findVisibleAccountRequest(
  db: Db,
  scope: Scope,
  id: string,
): Promise<StoredAccountRequest | null> {
  const row = await db
    .selectFrom('account_requests as a')
    .select(['a.data', 'a.rev', 'a.updated_at'])
    .where('a.id', '=', id)
    .where('a.deleted', '=', 0)
    .where(accountRequestVisibleTo(scope))
    .executeTakeFirst();
  return row ? parse(row) : null;
}

/** The requests of one account, newest first (the member's own page). */
export async function accountRequestsOfUser(
  db: Db,
  userId: string,
): Promise<StoredAccountRequest[]> {
  const rows = await db
    .selectFrom('account_requests')
    .select(['data', 'rev', 'updated_at'])
    .where('requester_user_id', '=', userId)
    .where('deleted', '=', 0)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(parse);
}
