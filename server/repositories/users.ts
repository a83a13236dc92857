/**
 * The users table and its role grants: reads for login and lists, writes with their history.
 * One file over 400 lines: one table, one topic; its queries share the row mapping and columns.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { UserWire } from '../../src/api/sync';
import type { UserDetail, UserHistoryEntry, UserListQuery } from '../../src/api/users';
import type { UsersTable } from '../../src/db/server-schema';
import {
  userSearchText,
  usernameKey,
  type Role,
  type RoleGrant,
  type User,
} from '../../src/domain/people/user';
import { compareVietnameseNames } from '../../src/domain/text/vietnamese-names';
import { searchTokens } from '../../src/domain/text/fold';
import { rankMatches } from '../../src/domain/text/match';
import { containsWord, pathInSubtrees } from './scope-sql';
import type { ScopedGrant } from '../scope/scope';
import type { Db, Trx } from './db';
import { nextRev } from './revisions';
import { recordExit } from './sync-exits';

type UserRow = Selectable<UsersTable>;

export function userWireFromRow(row: UserRow): UserWire {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    citizenId: row.citizen_id,
    phone: row.phone,
    email: row.email,
    position: row.position,
    orgId: row.org_id,
    status: row.status as UserWire['status'],
    memberId: row.member_id,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
    signatureImageSha256: row.signature_image_sha256,
  };
}

async function rolesOf(db: Db, userIds: string[]): Promise<Map<string, RoleGrant[]>> {
  const byUser = new Map<string, RoleGrant[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role', 'org_id'])
    .where('user_id', 'in', userIds)
    .where('deleted', '=', 0)
    .orderBy('role')
    .orderBy('org_id')
    .execute();
  for (const row of rows)
    byUser.get(row.user_id)?.push({ role: row.role as Role, orgId: row.org_id });
  return byUser;
}

async function detailsOf(db: Db, rows: UserRow[]): Promise<UserDetail[]> {
  const roles = await rolesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    ...userWireFromRow(row),
    roles: roles.get(row.id) ?? [],
    createdAt: row.created_at,
  }));
}

/** An account's username differs only in case from one that exists: the two could not be told apart. */
export class UsernameTakenError extends Error {
  readonly messageVi: string;
  constructor(readonly username: string) {
    super(`Username "${username}" is taken (usernames ignore case)`);
    this.name = 'UsernameTakenError';
    this.messageVi = `Tên đăng nhập "${username}" đã có người dùng (không phân biệt chữ hoa, chữ thường). Vui lòng chọn tên khác.`;
  }
}

/**
 * A new account with its role grants; `passwordHash` from hashPassword (null: no password login).
 * Refused (UsernameTakenError) when an account, even a deleted one, has the username in any case.
 */
export async function insertUser(
  trx: Trx,
  input: { user: User; passwordHash: string | null; memberId?: string | null; createdBy?: string },
  now: Date,
): Promise<UserDetail> {
  const { user } = input;
  const key = usernameKey(user.username);
  const taken = await trx
    .selectFrom('users')
    .select('id')
    .where('username_key', '=', key)
    .executeTakeFirst();
  if (taken) throw new UsernameTakenError(user.username);
  const at = now.toISOString();
  const row = await trx
    .insertInto('users')
    .values({
      id: user.id,
      username: user.username,
      username_key: key,
      search_folded: userSearchText(user.fullName, user.username),
      full_name: user.fullName,
      citizen_id: user.citizenId,
      phone: user.phone,
      email: user.email,
      position: user.position,
      org_id: user.orgId,
      status: user.status,
      member_id: input.memberId ?? null,
      password_hash: input.passwordHash,
      updated_by: input.createdBy ?? null,
      created_at: at,
      rev: await nextRev(trx),
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const grant of user.roles) await grantRole(trx, user.id, grant, now);
  const [detail] = await detailsOf(trx, [row]);
  return detail!;
}

/** Grants a role at an org (and its subtree); returns the grant's id. */
export async function grantRole(
  trx: Trx,
  userId: string,
  grant: RoleGrant,
  now: Date,
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('user_roles')
    .values({
      id,
      user_id: userId,
      role: grant.role,
      org_id: grant.orgId,
      rev: await nextRev(trx),
      updated_at: now.toISOString(),
    })
    .execute();
  return id;
}

/** Withdraws a grant (tombstone, so clients drop it). */
export async function revokeRole(trx: Trx, userId: string, grant: RoleGrant, now: Date) {
  const rows = await trx
    .selectFrom('user_roles')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', grant.role)
    .where('org_id', '=', grant.orgId)
    .where('deleted', '=', 0)
    .execute();
  for (const { id } of rows) {
    await trx
      .updateTable('user_roles')
      .set({ deleted: 1, rev: await nextRev(trx), updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }
}

/**
 * A member moved to another cell: the accounts of that member follow, so the member's own grant
 * (role `member`) and the account's unit are at the new cell, not left at the old one.
 */
export async function followMemberMove(
  trx: Trx,
  memberId: string,
  from: string,
  to: string,
  now: Date,
): Promise<void> {
  const accounts = await trx
    .selectFrom('users')
    .select(['id', 'org_id'])
    .where('member_id', '=', memberId)
    .where('deleted', '=', 0)
    .execute();
  for (const account of accounts) {
    const held = await trx
      .selectFrom('user_roles')
      .select('id')
      .where('user_id', '=', account.id)
      .where('role', '=', 'member')
      .where('org_id', '=', from)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    if (held) {
      await revokeRole(trx, account.id, { role: 'member', orgId: from }, now);
      await grantRole(trx, account.id, { role: 'member', orgId: to }, now);
    }
    if (account.org_id === from)
      await trx
        .updateTable('users')
        .set({ org_id: to, rev: await nextRev(trx), updated_at: now.toISOString() })
        .where('id', '=', account.id)
        .execute();
  }
}

/**
 * What login needs to know about a username, in any case ("QuanTri.Phuong" is quantri.phuong);
 * null when there is no such live account. An exact spelling wins: accounts that differed only in
 * case before usernames ignored it (migration 0007) still log in by their own spelling.
 */
export async function findLoginAccount(
  db: Db,
  username: string,
): Promise<{ id: string; status: string; passwordHash: string | null } | null> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'status', 'password_hash', 'username'])
    .where((eb) =>
      eb.or([eb('username_key', '=', usernameKey(username)), eb('username', '=', username)]),
    )
    .where('deleted', '=', 0)
    .execute();
  const row = rows.find((r) => r.username === username) ?? rows[0];
  return row ? { id: row.id, status: row.status, passwordHash: row.password_hash } : null;
}

/**
 * Stores a stronger hash of the same password after a successful login. Only while the stored
 * hash is still the one that was checked, so a password changed meanwhile is never overwritten;
 * not a change of the account, so no rev and no history.
 */
export async function upgradePasswordHash(
  db: Db,
  userId: string,
  checkedHash: string,
  strongerHash: string,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ password_hash: strongerHash })
    .where('id', '=', userId)
    .where('password_hash', '=', checkedHash)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** An active account with its grants and their org paths; null when it may not act. */
export async function findActiveAccount(
  db: Db,
  id: string,
): Promise<{ user: UserDetail; grants: ScopedGrant[] } | null> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!row) return null;
  const grants = await db
    .selectFrom('user_roles as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select(['r.role', 'r.org_id', 'o.path'])
    .where('r.user_id', '=', id)
    .where('r.deleted', '=', 0)
    .where('o.deleted', '=', 0)
    .execute();
  const [user] = await detailsOf(db, [row]);
  return {
    user: user!,
    grants: grants.map((g) => ({ role: g.role, orgId: g.org_id, path: g.path })),
  };
}

/** A live user whose org lies in one of the subtrees, else null. */
export async function findUserInSubtrees(
  db: Db,
  subtreePaths: readonly string[],
  id: string,
): Promise<UserDetail | null> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .selectAll('u')
    .where('u.id', '=', id)
    .where('u.deleted', '=', 0)
    .where(pathInSubtrees(sql.ref('o.path'), subtreePaths))
    .executeTakeFirst();
  if (!row) return null;
  const [detail] = await detailsOf(db, [row]);
  return detail ?? null;
}

/**
 * The admin guide's user list over the given subtrees. The words are looked for in the folded
 * column (search_folded), then the few matches ranked in memory.
 */
export async function listUsers(
  db: Db,
  subtreePaths: readonly string[],
  query: Omit<UserListQuery, 'orgId'> & { withinPath?: string },
): Promise<{ items: UserDetail[]; total: number }> {
  let q = db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .selectAll('u')
    .where('u.deleted', '=', 0)
    .where(pathInSubtrees(sql.ref('o.path'), subtreePaths));
  if (query.withinPath) q = q.where(pathInSubtrees(sql.ref('o.path'), [query.withinPath]));
  if (query.status) q = q.where('u.status', '=', query.status);
  if (query.position) q = q.where('u.position', '=', query.position);
  const role = query.role;
  if (role) {
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('user_roles as r')
          .select('r.id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.role', '=', role)
          .where('r.deleted', '=', 0),
      ),
    );
  }
  const tokens = searchTokens(query.q ?? '');
  if (tokens.length > 0)
    q = q.where((eb) =>
      eb.and(tokens.map((word) => containsWord(sql.ref('u.search_folded'), word))),
    );
  const rows = (await q.execute()).sort(
    (a, b) => compareVietnameseNames(a.full_name, b.full_name) || (a.id < b.id ? -1 : 1),
  );
  // Name and username, folded (a query may mix them); the best match of either first, name
  // order within a tier (src/domain/text/match).
  const found = rankMatches(rows, tokens, (row) => [
    row.full_name,
    row.username,
    row.search_folded,
  ]);
  const start = (query.page - 1) * query.pageSize;
  return {
    items: await detailsOf(db, found.slice(start, start + query.pageSize)),
    total: found.length,
  };
}

export async function userHistory(db: Db, userId: string): Promise<UserHistoryEntry[]> {
  const rows = await db
    .selectFrom('user_history')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('changed_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    changedBy: row.changed_by,
    changedAt: row.changed_at,
    changes: JSON.parse(row.changes) as UserHistoryEntry['changes'],
  }));
}

/** Editable account fields; `passwordHash` is never written to history, only that it changed. */
export type UserChanges = Partial<
  Pick<
    UserWire,
    'fullName' | 'citizenId' | 'phone' | 'email' | 'position' | 'orgId' | 'status' | 'memberId'
  > & {
    passwordHash: string;
  }
>;

const COLUMNS = {
  fullName: 'full_name',
  citizenId: 'citizen_id',
  phone: 'phone',
  email: 'email',
  position: 'position',
  orgId: 'org_id',
  status: 'status',
  memberId: 'member_id',
  passwordHash: 'password_hash',
} as const satisfies Record<keyof UserChanges, keyof UsersTable>;

/** Marker that stands for a secret in the history. */
export const SECRET_CHANGED = '***';

/**
 * Edits an account: writes the changed fields, one history entry `{ field: [before, after] }`
 * (secrets masked) and a new rev. Moving the account to another org tells the clients that saw it
 * only there to drop it and its grants. Returns the recorded changes (empty: nothing changed).
 */
export async function updateUser(
  trx: Trx,
  id: string,
  changes: UserChanges,
  changedBy: string,
  now: Date = new Date(),
): Promise<UserHistoryEntry['changes']> {
  const current = await trx
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .selectAll('u')
    .select('o.path as org_path')
    .where('u.id', '=', id)
    .where('u.deleted', '=', 0)
    .executeTakeFirst();
  if (!current) throw new Error(`updateUser: user ${id} not found`);
  const diff: UserHistoryEntry['changes'] = {};
  const set: Updateable<UsersTable> = {};
  for (const [field, column] of Object.entries(COLUMNS) as [
    keyof UserChanges,
    (typeof COLUMNS)[keyof UserChanges],
  ][]) {
    const after = changes[field];
    const before = current[column];
    if (after === undefined || after === before) continue;
    Object.assign(set, { [column]: after });
    diff[field === 'passwordHash' ? 'password' : field] =
      field === 'passwordHash' ? [SECRET_CHANGED, SECRET_CHANGED] : [before, after];
  }
  if (Object.keys(diff).length === 0) return diff;
  if (set.full_name !== undefined)
    set.search_folded = userSearchText(set.full_name, current.username);

  if (set.org_id !== undefined) {
    await recordExit(trx, 'user', id, current.org_path);
    const roles = await trx
      .selectFrom('user_roles')
      .select('id')
      .where('user_id', '=', id)
      .where('deleted', '=', 0)
      .orderBy('id')
      .execute();
    for (const role of roles) await recordExit(trx, 'userRole', role.id, current.org_path);
    // The grants are seen through their user: give them new revs so the new place pulls them.
    for (const role of roles) {
      await trx
        .updateTable('user_roles')
        .set({ rev: await nextRev(trx), updated_at: now.toISOString() })
        .where('id', '=', role.id)
        .execute();
    }
  }
  const at = now.toISOString();
  await trx
    .updateTable('users')
    .set({ ...set, updated_by: changedBy, updated_at: at, rev: await nextRev(trx) })
    .where('id', '=', id)
    .execute();
  await trx
    .insertInto('user_history')
    .values({
      id: randomUUID(),
      user_id: id,
      changed_by: changedBy,
      changed_at: at,
      changes: JSON.stringify(diff),
    })
    .execute();
  return diff;
}
