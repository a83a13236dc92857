import { AccountRequestWire } from '../../api/accounts';
import { MemberPosition } from '../../domain/people/member';
import { prepareQuery, type Params } from '../../db/client-query';
import type { ClientMembersTable } from '../../db/client-schema';
import type { SqliteHandle } from '../../db/sqlite';
import { z } from 'zod';

/** A cached org as the member's pages name it. */
export interface OrgRef {
  id: string;
  name: string;
  parentId: string | null;
}

export type MemberRecordRow = Omit<ClientMembersTable, 'positions'> & {
  positions: MemberPosition[];
};

const Positions = z.array(MemberPosition);

/**
 * What the member's own pages read of the cache: his account (users row), his member record, the
 * orgs by id and the account requests he is the requester of (written by pull; docs/decisions/0031).
 */
export function accountMemberCache(handle: SqliteHandle) {
  const userById = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db
      .selectFrom('users')
      .select(['id', 'username', 'full_name', 'status', 'member_id'])
      .where('id', '=', p.id),
  );
  const memberById = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('members').selectAll().where('id', '=', p.id),
  );
  const orgById = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('orgs').select(['id', 'name', 'parent_id']).where('id', '=', p.id),
  );
  const requestsOf = prepareQuery(handle, (db, p: Params<{ userId: string }>) =>
    db
      .selectFrom('account_requests')
      .select(['data'])
      .where('requester_user_id', '=', p.userId)
      .orderBy('created_at', 'desc'),
  );

  return {
    user: (id: string) => userById.get({ id }),
    member(id: string): MemberRecordRow | undefined {
      const row = memberById.get({ id });
      if (!row) return undefined;
      const positions = Positions.safeParse(JSON.parse(row.positions));
      return { ...row, positions: positions.success ? positions.data : [] };
    },
    org(id: string): OrgRef | undefined {
      const row = orgById.get({ id });
      return row ? { id: row.id, name: row.name, parentId: row.parent_id } : undefined;
    },
    /** His requests as pull sent them, newest first; a row the app cannot read is left out. */
    requestsOf: (userId: string): AccountRequestWire[] =>
      requestsOf.all({ userId }).flatMap((row) => {
        const parsed = AccountRequestWire.safeParse(JSON.parse(row.data));
        return parsed.success ? [parsed.data] : [];
      }),
  };
}

export type AccountMemberCache = ReturnType<typeof accountMemberCache>;
