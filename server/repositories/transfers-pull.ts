import type { PullChange } from '../../src/api/sync';
import type { Scope } from '../scope/scope';
import type { Trx } from './db';
import { dossierChangesInScope, dossierMembersOf, orgNamesOf, wireOf } from './transfers';

/** Pull reader: dossiers whose route touches the scope (no tombstones: dossiers are kept). */
export async function readDossierChanges(
  trx: Trx,
  scope: Scope,
  w: { afterRev: number; upTo: number | null; limit: number },
): Promise<PullChange[]> {
  const rows = await dossierChangesInScope(trx, scope, w);
  // The route's orgs by name: a client's cache holds only its scope's orgs, and the letter and
  // the route steps name every org the dossier passes.
  const names = await orgNamesOf(
    trx,
    rows.flatMap(({ stored }) => stored.dossier.route.orgIds),
  );
  const members = await dossierMembersOf(
    trx,
    rows.map(({ stored }) => stored.dossier.memberId),
  );
  return rows.map(({ stored, history }) => ({
    op: 'upsert',
    entity: 'dossier',
    id: stored.dossier.id,
    rev: stored.rev,
    data: {
      ...wireOf(stored, history),
      orgNames: Object.fromEntries(
        stored.dossier.route.orgIds.flatMap((id) => {
          const name = names.get(id);
          return name === undefined ? [] : [[id, name]];
        }),
      ),
      ...(members.has(stored.dossier.memberId)
        ? { member: members.get(stored.dossier.memberId) }
        : {}),
    },
  }));
}
