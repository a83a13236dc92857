import { prepareQuery, type ClientQueryBuilder, type Params } from '../../db/client-query';
import type { ClientMembersTable } from '../../db/client-schema';
import type { SqliteHandle } from '../../db/sqlite';
import type {
  Member,
  MemberPosition as HeldPosition,
  MemberStatus,
} from '../../domain/people/member';
import type { Sex } from '../../domain/people/sex';
import type { MemberSummary } from '../contract';
import { relevanceTier, type SearchPlan } from '../search-query';
import { candidateSearch } from './candidate-search';

type MemberRow = ClientMembersTable;
type SummaryRow = Pick<
  MemberRow,
  | 'id'
  | 'full_name'
  | 'birth_date'
  | 'sex'
  | 'citizen_id'
  | 'card_no'
  | 'profile_no'
  | 'status'
  | 'home_org_id'
  | 'sort_key'
  | 'name_folded'
> & { home_org_name: string | null };

const SUMMARY_COLUMNS = [
  'm.id',
  'm.full_name',
  'm.birth_date',
  'm.sex',
  'm.citizen_id',
  'm.card_no',
  'm.profile_no',
  'm.status',
  'm.home_org_id',
  'm.sort_key',
  'm.name_folded',
  'o.name as home_org_name',
] as const;

/** Members (`m`) with the name of their home org (`o`), as the lists show them. */
const summaries = (db: ClientQueryBuilder) =>
  db
    .selectFrom('members as m')
    .leftJoin('orgs as o', 'o.id', 'm.home_org_id')
    .select(SUMMARY_COLUMNS);

export const toMemberSummary = (r: SummaryRow): MemberSummary => ({
  id: r.id,
  fullName: r.full_name,
  birthDate: r.birth_date,
  sex: r.sex,
  citizenId: r.citizen_id,
  cardNo: r.card_no,
  profileNo: r.profile_no,
  status: r.status,
  homeOrg: { id: r.home_org_id, name: r.home_org_name ?? '' },
});

/** Keyset position in an org's member list: (sort_key, id) of the last row shown. */
export interface MemberListPosition {
  sortKey: string;
  id: string;
}

export function membersRepo(handle: SqliteHandle) {
  const firstPage = prepareQuery(handle, (db, p: Params<{ orgId: string; limit: number }>) =>
    summaries(db)
      .where('m.home_org_id', '=', p.orgId)
      .orderBy('m.sort_key')
      .orderBy('m.id')
      .limit(p.limit),
  );
  const nextPage = prepareQuery(
    handle,
    (db, p: Params<{ orgId: string; sortKey: string; id: string; limit: number }>) =>
      summaries(db)
        .where('m.home_org_id', '=', p.orgId)
        .where((eb) => eb(eb.refTuple('m.sort_key', 'm.id'), '>', eb.tuple(p.sortKey, p.id)))
        .orderBy('m.sort_key')
        .orderBy('m.id')
        .limit(p.limit),
  );
  const byId = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('members').selectAll().where('id', '=', p.id),
  );
  const candidates = candidateSearch<'members', SummaryRow>(handle, {
    table: 'members',
    alias: 'm',
    fts: 'members_fts',
    idColumns: ['citizen_id', 'card_no', 'profile_no'],
    candidates: (db, condition, limit) => {
      const rows = summaries(db).where(condition);
      return limit === undefined ? rows : rows.limit(limit);
    },
  });

  return {
    /** Prepares the search vocabulary (after a sync) so the next search does not wait for it. */
    warmSearch: candidates.warm,

    /** One page of an org's members in Vietnamese name order; `after` is the last row shown. */
    ofOrg(orgId: string, limit: number, after?: MemberListPosition) {
      const rows = after
        ? nextPage.all({ orgId, sortKey: after.sortKey, id: after.id, limit: limit + 1 })
        : firstPage.all({ orgId, limit: limit + 1 });
      const more = rows.length > limit;
      if (more) rows.pop();
      const last = rows[rows.length - 1];
      return {
        items: rows.map(toMemberSummary),
        next: more && last ? { sortKey: last.sort_key, id: last.id } : undefined,
      };
    },

    byId(memberId: string): Member | undefined {
      const r = byId.get({ id: memberId });
      if (!r) return undefined;
      return {
        id: r.id,
        fullName: r.full_name,
        birthDate: r.birth_date,
        sex: r.sex as Sex,
        citizenId: r.citizen_id,
        cardNo: r.card_no,
        profileNo: r.profile_no,
        homeOrgId: r.home_org_id,
        residenceOrgId: r.residence_org_id,
        phone: r.phone,
        email: r.email,
        joinedOn: r.joined_on,
        officialOn: r.official_on,
        // Enum columns and positions hold what the Member schema accepted on the way in.
        positions: JSON.parse(r.positions) as HeldPosition[],
        status: r.status as MemberStatus,
      };
    },

    /**
     * Candidates with bounded work (candidate-search.ts), ranked by relevance tier, then in
     * Vietnamese name order (sort_key). `truncated` when more hits may exist than were read.
     */
    search(plan: SearchPlan, limit: number): { items: MemberSummary[]; truncated: boolean } {
      const found = candidates.find(plan, limit);
      const ranked = found.rows.map((row) => ({
        row,
        tier: relevanceTier(plan, row.name_folded.split(' '), [
          row.name_folded,
          row.citizen_id,
          row.card_no ?? '',
          row.profile_no ?? '',
        ]),
      }));
      ranked.sort(
        (a, b) =>
          a.tier - b.tier ||
          (a.row.sort_key < b.row.sort_key ? -1 : a.row.sort_key > b.row.sort_key ? 1 : 0) ||
          (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0),
      );
      return {
        items: ranked.slice(0, limit).map((r) => toMemberSummary(r.row)),
        truncated: found.truncated || ranked.length > limit,
      };
    },
  };
}

export type MembersRepo = ReturnType<typeof membersRepo>;
