import { sql } from 'kysely';
import { prepareQuery, type Params } from '../../db/client-query';
import type {
  ClientResidenceFormsTable,
  ClientResidenceRequestsTable,
} from '../../db/client-schema';
import type { SqliteHandle } from '../../db/sqlite';
import { subtreeEnd } from '../repositories/org-tree';

// Reads of the residence lists and forms in the cache (written only by pull, which sends each
// side only what it may see), and the members a workplace may put on a list.

export type ResidenceRequestRow = ClientResidenceRequestsTable;
export type ResidenceFormRow = ClientResidenceFormsTable;

export interface CandidateRow {
  id: string;
  full_name: string;
  birth_date: string;
  home_org_id: string;
  residence_org_id: string | null;
  name_folded: string;
}

export function residenceCache(handle: SqliteHandle) {
  const requestById = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('residence_requests').selectAll().where('id', '=', p.id),
  );
  const allRequests = prepareQuery(handle, (db) =>
    db.selectFrom('residence_requests').selectAll().orderBy('updated_at', 'desc').orderBy('id'),
  );
  const formById = prepareQuery(handle, (db, p: Params<{ id: string }>) =>
    db.selectFrom('residence_forms').selectAll().where('id', '=', p.id),
  );
  const allForms = prepareQuery(handle, (db) =>
    db.selectFrom('residence_forms').selectAll().orderBy('updated_at', 'desc').orderBy('id'),
  );
  const formsOfRequest = prepareQuery(handle, (db, p: Params<{ requestId: string }>) =>
    db.selectFrom('residence_forms').selectAll().where('request_id', '=', p.requestId),
  );
  const campaignOf = prepareQuery(
    handle,
    (db, p: Params<{ committeeOrgId: string; year: number }>) =>
      db
        .selectFrom('residence_campaigns')
        .select(['opens_on', 'due_on'])
        .where('committee_org_id', '=', p.committeeOrgId)
        .where('year', '=', p.year),
  );
  // Members whose cell is in the subtree [from, to), in the org list's order.
  const membersBelow = prepareQuery(
    handle,
    (db, p: Params<{ from: string; to: string; limit: number }>) =>
      db
        .selectFrom('members as m')
        .innerJoin('orgs as o', 'o.id', 'm.home_org_id')
        .select([
          'm.id',
          'm.full_name',
          'm.birth_date',
          'm.home_org_id',
          'm.residence_org_id',
          'm.name_folded',
        ])
        .where('o.path', '>=', p.from)
        .where('o.path', '<', p.to)
        .where('m.status', '=', sql.lit('active'))
        .orderBy('o.path')
        .orderBy('m.sort_key')
        .limit(p.limit),
  );

  return {
    request: (id: string): ResidenceRequestRow | undefined => requestById.get({ id }),
    requests: (): ResidenceRequestRow[] => allRequests.all(),
    form: (id: string): ResidenceFormRow | undefined => formById.get({ id }),
    forms: (): ResidenceFormRow[] => allForms.all(),
    formsOfRequest: (requestId: string): ResidenceFormRow[] => formsOfRequest.all({ requestId }),
    /** The window the committee set for the year, as last pulled; undefined when none is. */
    campaign: (committeeOrgId: string, year: number) => campaignOf.get({ committeeOrgId, year }),
    /** Active members of the org at `path` and below, at most `limit`. */
    membersBelow: (path: string, limit: number): CandidateRow[] =>
      membersBelow.all({ from: path, to: subtreeEnd(path), limit }),
  };
}

export type ResidenceCache = ReturnType<typeof residenceCache>;
