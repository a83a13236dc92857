import { sql, type Selectable } from 'kysely';
import type { MemberListQuery } from '../../src/api/members';
import type { MembersTable } from '../../src/db/server-schema';
import type { Member, MemberPosition } from '../../src/domain/people/member';
import { foldForSearch, searchTokens } from '../../src/domain/text/fold';
import { vietnameseNameSortKey } from '../../src/domain/text/vietnamese-names';
import type { Scope } from '../scope/scope';
import type { Db, Trx } from './db';
import { recordExit } from './sync-exits';
import { nextRev } from './revisions';
import { containsWord, pathInSubtrees } from './scope-sql';

type MemberRow = Selectable<MembersTable>;

export function memberFromRow(row: MemberRow): Member {
  return {
    id: row.id,
    fullName: row.full_name,
    birthDate: row.birth_date,
    sex: row.sex as Member['sex'],
    citizenId: row.citizen_id,
    cardNo: row.card_no,
    profileNo: row.profile_no,
    homeOrgId: row.home_org_id,
    residenceOrgId: row.residence_org_id,
    phone: row.phone,
    email: row.email,
    joinedOn: row.joined_on,
    officialOn: row.official_on,
    positions: JSON.parse(row.positions) as MemberPosition[],
    status: row.status as Member['status'],
  };
}

/** The columns of a member row (everything but id, rev and the sync flags). */
export function memberColumns(member: Member) {
  return {
    full_name: member.fullName,
    name_folded: foldForSearch(member.fullName),
    sort_key: vietnameseNameSortKey(member.fullName),
    birth_date: member.birthDate,
    sex: member.sex,
    citizen_id: member.citizenId,
    card_no: member.cardNo,
    profile_no: member.profileNo,
    home_org_id: member.homeOrgId,
    residence_org_id: member.residenceOrgId,
    phone: member.phone,
    email: member.email,
    joined_on: member.joinedOn,
    official_on: member.officialOn,
    positions: JSON.stringify(member.positions),
    status: member.status,
  };
}

export async function insertMember(trx: Trx, member: Member, now: Date): Promise<Member> {
  const row = await trx
    .insertInto('members')
    .values({
      id: member.id,
      ...memberColumns(member),
      rev: await nextRev(trx),
      updated_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return memberFromRow(row);
}

/** A live member by id, whoever may read it: the caller checks the scope. */
export async function liveMember(db: Db | Trx, id: string): Promise<Member | null> {
  const row = await db
    .selectFrom('members')
    .selectAll()
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row ? memberFromRow(row) : null;
}

/** Tombstones a member: clients that hold them receive a delete. */
export async function deleteMember(trx: Trx, id: string, now: Date): Promise<void> {
  await trx
    .updateTable('members')
    .set({ deleted: 1, rev: await nextRev(trx), updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .execute();
}

/** Live members with the paths of their home and residence orgs. */
function membersWithPaths(db: Db) {
  return db
    .selectFrom('members as m')
    .innerJoin('orgs as h', 'h.id', 'm.home_org_id')
    .leftJoin('orgs as r', 'r.id', 'm.residence_org_id')
    .where('m.deleted', '=', 0);
}

/** Registered (home) or residing in one of the subtrees. */
const inSubtrees = (roots: readonly string[]) =>
  sql<boolean>`(${pathInSubtrees(sql.ref('h.path'), roots)} or ${pathInSubtrees(sql.ref('r.path'), roots)})`;

/**
 * What the scope may read of members: registered or residing in a staff subtree, or the caller's
 * own record (the member role sees nobody else).
 */
const visibleTo = (scope: Scope) =>
  scope.memberId === null
    ? inSubtrees(scope.subtreePaths)
    : sql<boolean>`(${inSubtrees(scope.subtreePaths)} or ${sql.ref('m.id')} = ${scope.memberId})`;

/** A live member the scope may read (see visibleTo), else null. */
export async function findVisibleMember(db: Db, scope: Scope, id: string): Promise<Member | null> {
  const row = await membersWithPaths(db)
    .selectAll('m')
    .where('m.id', '=', id)
    .where(visibleTo(scope))
    .executeTakeFirst();
  return row ? memberFromRow(row) : null;
}

export interface MemberPageKey {
  sortKey: string;
  id: string;
}

/**
 * One page of members in Vietnamese name order, keyset-paged on (sort_key, id) so a page costs
 * the same wherever it is. `withinPath` narrows to an org's subtree.
 */
export async function listMembers(
  db: Db,
  scope: Scope,
  query: Omit<MemberListQuery, 'cursor' | 'orgId'> & { withinPath?: string; after?: MemberPageKey },
): Promise<{ items: Member[]; next: MemberPageKey | null }> {
  let q = membersWithPaths(db).selectAll('m').where(visibleTo(scope));
  if (query.withinPath) q = q.where(inSubtrees([query.withinPath]));
  const text = (query.q ?? '').trim();
  const tokens = searchTokens(text);
  if (/^\d{6,20}$/.test(text)) {
    q = q.where((eb) =>
      eb.or([
        eb('m.citizen_id', '=', text),
        eb('m.card_no', '=', text),
        eb('m.profile_no', '=', text),
      ]),
    );
  } else if (tokens.length > 0) {
    q = q.where((eb) => eb.and(tokens.map((word) => containsWord(sql.ref('m.name_folded'), word))));
  }
  const after = query.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('m.sort_key', '>', after.sortKey),
        eb.and([eb('m.sort_key', '=', after.sortKey), eb('m.id', '>', after.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('m.sort_key')
    .orderBy('m.id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(memberFromRow),
    next: rows.length > query.limit && last ? { sortKey: last.sort_key, id: last.id } : null,
  };
}

/**
 * Changes a member's home and/or residence org. Clients that saw the member only through the old
 * org get a delete (sync_exits) with a rev below the member's new one.
 */
export async function moveMember(
  trx: Trx,
  id: string,
  to: { homeOrgId?: string; residenceOrgId?: string | null },
  now: Date,
): Promise<void> {
  const current = await trx
    .selectFrom('members as m')
    .innerJoin('orgs as h', 'h.id', 'm.home_org_id')
    .leftJoin('orgs as r', 'r.id', 'm.residence_org_id')
    .select([
      'm.home_org_id',
      'm.residence_org_id',
      'h.path as home_path',
      'r.path as residence_path',
    ])
    .where('m.id', '=', id)
    .where('m.deleted', '=', 0)
    .executeTakeFirst();
  if (!current) throw new Error(`moveMember: member ${id} not found`);
  const homeChanges = to.homeOrgId !== undefined && to.homeOrgId !== current.home_org_id;
  const residenceChanges =
    to.residenceOrgId !== undefined && to.residenceOrgId !== current.residence_org_id;
  if (!homeChanges && !residenceChanges) return;
  if (homeChanges) await recordExit(trx, 'member', id, current.home_path);
  if (residenceChanges && current.residence_path)
    await recordExit(trx, 'member', id, current.residence_path);
  await trx
    .updateTable('members')
    .set({
      ...(homeChanges ? { home_org_id: to.homeOrgId } : {}),
      ...(residenceChanges ? { residence_org_id: to.residenceOrgId } : {}),
      rev: await nextRev(trx),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}
