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

export function dossiersRepo(handle: SqliteHandle) {
  const byId = handle.prepare<[string], DossierRow>('select * from dossiers where id = ?');
  // Dossiers of a variant whose route passes, on the given side, an org inside one of the scope
  // subtrees ([from, to) path ranges as JSON pairs). Newest first.
  const touching = handle.prepare<
    { variant: string; side: string; status: string | null; scopes: string },
    DossierRow
  >(
    `select d.* from dossiers d
     where d.variant = @variant and (@status is null or d.status = @status)
       and exists (
         select 1 from dossier_route_orgs r
         join orgs o on o.id = r.org_id
         join json_each(@scopes) s
           on o.path >= json_extract(s.value, '$[0]') and o.path < json_extract(s.value, '$[1]')
         where r.dossier_id = d.id and r.side = @side)
     order by d.submitted_at desc, d.id`,
  );
  const grants = handle.prepare<[string], GrantRow>(
    `select r.role, r.org_id, o.path from user_roles r join orgs o on o.id = r.org_id
     where r.user_id = ?`,
  );
  const userMember = handle
    .prepare<[string], string | null>('select member_id from users where id = ?')
    .pluck();
  const orgsByIds = handle.prepare<[string], OrgInfoRow>(
    `select o.id, o.name, o.type, o.path, o.parent_id, o.province, o.ward, o.has_seal, o.code
     from json_each(?) j join orgs o on o.id = j.value`,
  );
  const orgsByPaths = handle.prepare<[string], OrgInfoRow>(
    `select o.id, o.name, o.type, o.path, o.parent_id, o.province, o.ward, o.has_seal, o.code
     from json_each(?) j join orgs o on o.path = j.value`,
  );
  const cellsBelow = handle.prepare<[string, string, number], OrgInfoRow>(
    `select o.id, o.name, o.type, o.path, o.parent_id, o.province, o.ward, o.has_seal, o.code
     from orgs o
     where o.path > ? and o.path < ? and o.type in ('grassroots_cell', 'affiliated_cell')
       and o.status = 'active'
     order by o.path limit ?`,
  );
  const membersByIds = handle.prepare<[string], MemberInfoRow>(
    `select m.id, m.full_name, m.name_folded, m.birth_date, m.citizen_id, m.card_no, m.profile_no,
            m.joined_on, m.official_on
     from json_each(?) j join members m on m.id = j.value`,
  );

  const byKey = <R extends { id: string }>(rows: R[]) => new Map(rows.map((r) => [r.id, r]));

  return {
    get: (id: string): DossierRow | undefined => byId.get(id),
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
    grantsOf: (userId: string): GrantRow[] => grants.all(userId),
    memberIdOfUser: (userId: string): string | null => userMember.get(userId) ?? null,
    orgs: (ids: readonly string[]): Map<string, OrgInfoRow> =>
      ids.length === 0 ? new Map() : byKey(orgsByIds.all(JSON.stringify([...new Set(ids)]))),
    /** The cached orgs on the given paths (a path's ancestors are its prefixes). */
    orgsOnPaths: (paths: readonly string[]): OrgInfoRow[] =>
      paths.length === 0 ? [] : orgsByPaths.all(JSON.stringify([...new Set(paths)])),
    /** Active cells strictly below the org at `path`, in path order. */
    cellsBelow: (path: string, limit: number): OrgInfoRow[] =>
      cellsBelow.all(path, subtreeEnd(path), limit),
    members: (ids: readonly string[]): Map<string, MemberInfoRow> =>
      ids.length === 0 ? new Map() : byKey(membersByIds.all(JSON.stringify([...new Set(ids)]))),
  };
}

export type DossiersRepo = ReturnType<typeof dossiersRepo>;
