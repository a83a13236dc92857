import { sql } from 'kysely';
import { jsonEach, prepareColumnQuery, prepareQuery, type Params } from '../../db/client-query';
import type { ClientDossiersTable } from '../../db/client-schema';
import type { SqliteHandle } from '../../db/sqlite';
import { subtreeEnd } from './org-tree';

// Reads of the transfer dossiers in the cache (written only by pull) and of what the dossier
// screens need around them: the user's role grants, org names and paths, members.

export type DossierRow = ClientDossiersTable;

export interface GrantRow {
  role: string;
  org_id: string;
  /** Materialized path of the granted org ('/root/…/org/'): the grant covers its subtree. */
  path: string;
}

export interface OrgInfoRow {
  id: string;
  name: string;
  type: string;
  path: string;
  parent_id: string | null;
  province: string | null;
  ward: string | null;
  has_seal: number;
  code: string;
  seal_image_sha256: string | null;
}

export interface MemberInfoRow {
  id: string;
  full_name: string;
  name_folded: string;
  birth_date: string;
  citizen_id: string;
  card_no: string | null;
  profile_no: string | null;
  joined_on: string | null;
  official_on: string | null;
}

const ORG_INFO_COLUMNS = [
  'o.id',
  'o.name',
  'o.type',
  'o.path',
  'o.parent_id',
  'o.province',
  'o.ward',
  'o.has_seal',
  'o.code',
  'o.seal_image_sha256',
] as const;

export function dossiersRepo(handle: SqliteHandle) {
  const byId = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('dossiers').selectAll().where('id', '=', p.id),
  );
  // Dossiers of a variant whose route passes, on the given side, an org inside one of the scope
  // subtrees ([from, to) path ranges as JSON pairs). Newest first.
  const touching = prepareQuery(
    handle,
    (db, p: Params<{ variant: string; side: string; status: string | null; scopes: string }>) =>
      db
        .selectFrom('dossiers as d')
        .selectAll('d')
        .where('d.variant', '=', p.variant)
        .where((eb) => eb.or([eb(eb.val(p.status), 'is', null), eb('d.status', '=', p.status)]))
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('dossier_route_orgs as r')
              .innerJoin('orgs as o', 'o.id', 'r.org_id')
              .innerJoin(jsonEach(p.scopes, 's'), (join) =>
                join
                  .on(sql<boolean>`o.path >= json_extract(s.value, '$[0]')`)
                  .on(sql<boolean>`o.path < json_extract(s.value, '$[1]')`),
              )
              .select(eb.lit(1).as('one'))
              .whereRef('r.dossier_id', '=', 'd.id')
              .where('r.side', '=', p.side),
          ),
        )
        .orderBy('d.submitted_at', 'desc')
        .orderBy('d.id'),
  );
  const ofMember = prepareQuery(handle, (db, p: Params<{ memberId: string }>) =>
    db
      .selectFrom('dossiers')
      .selectAll()
      .where('member_id', '=', p.memberId)
      .orderBy('submitted_at', 'desc')
      .orderBy('id'),
  );
  const grants = prepareQuery(handle, (db, p: Params<{ userId: string }>) =>
    db
      .selectFrom('user_roles as r')
      .innerJoin('orgs as o', 'o.id', 'r.org_id')
      .select(['r.role', 'r.org_id', 'o.path'])
      .where('r.user_id', '=', p.userId),
  );
  const userMember = prepareColumnQuery(handle, (db, p: Params<{ userId: string }>) =>
    db.selectFrom('users').select('member_id').where('id', '=', p.userId),
  );
  const orgsByIds = prepareQuery(handle, (db, p: Params<{ ids: string }>) =>
    db
      .selectFrom(jsonEach(p.ids, 'j'))
      .innerJoin('orgs as o', 'o.id', 'j.value')
      .select(ORG_INFO_COLUMNS),
  );
  const orgsByPaths = prepareQuery(handle, (db, p: Params<{ paths: string }>) =>
    db
      .selectFrom(jsonEach(p.paths, 'j'))
      .innerJoin('orgs as o', 'o.path', 'j.value')
      .select(ORG_INFO_COLUMNS),
  );
  const cellsBelow = prepareQuery(
    handle,
    (db, p: Params<{ from: string; to: string; limit: number }>) =>
      db
        .selectFrom('orgs as o')
        .select(ORG_INFO_COLUMNS)
        .where('o.path', '>', p.from)
        .where('o.path', '<', p.to)
        .where('o.type', 'in', [sql.lit('grassroots_cell'), sql.lit('affiliated_cell')])
        .where('o.status', '=', sql.lit('active'))
        .orderBy('o.path')
        .limit(p.limit),
  );
  const membersByIds = prepareQuery(handle, (db, p: Params<{ ids: string }>) =>
    db
      .selectFrom(jsonEach(p.ids, 'j'))
      .innerJoin('members as m', 'm.id', 'j.value')
      .select([
        'm.id',
        'm.full_name',
        'm.name_folded',
        'm.birth_date',
        'm.citizen_id',
        'm.card_no',
        'm.profile_no',
        'm.joined_on',
        'm.official_on',
      ]),
  );

  const byKey = <R extends { id: string }>(rows: R[]) => new Map(rows.map((r) => [r.id, r]));

  return {
    get: (id: string): DossierRow | undefined => byId.get({ id }),
    /** `scopePaths`: paths of the orgs whose subtrees count as the user's. */
    touching(q: {
      variant: string;
      side: 'from' | 'to';
      status: string | null;
      scopePaths: readonly string[];
    }): DossierRow[] {
      if (q.scopePaths.length === 0) return [];
      const scopes = JSON.stringify(q.scopePaths.map((p) => [p, subtreeEnd(p)]));
      return touching.all({ variant: q.variant, side: q.side, status: q.status, scopes });
    },
    /** A member's own dossiers, newest first. */
    ofMember: (memberId: string): DossierRow[] => ofMember.all({ memberId }),
    grantsOf: (userId: string): GrantRow[] => grants.all({ userId }),
    memberIdOfUser: (userId: string): string | null => userMember.get({ userId }) ?? null,
    orgs: (ids: readonly string[]): Map<string, OrgInfoRow> =>
      ids.length === 0
        ? new Map()
        : byKey(orgsByIds.all({ ids: JSON.stringify([...new Set(ids)]) })),
    /** The cached orgs on the given paths (a path's ancestors are its prefixes). */
    orgsOnPaths: (paths: readonly string[]): OrgInfoRow[] =>
      paths.length === 0 ? [] : orgsByPaths.all({ paths: JSON.stringify([...new Set(paths)]) }),
    /** Active cells strictly below the org at `path`, in path order. */
    cellsBelow: (path: string, limit: number): OrgInfoRow[] =>
      cellsBelow.all({ from: path, to: subtreeEnd(path), limit }),
    members: (ids: readonly string[]): Map<string, MemberInfoRow> =>
      ids.length === 0
        ? new Map()
        : byKey(membersByIds.all({ ids: JSON.stringify([...new Set(ids)]) })),
  };
}

export type DossiersRepo = ReturnType<typeof dossiersRepo>;
