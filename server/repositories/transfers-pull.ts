import type { PullChange } from '../../src/api/sync';
import type { Scope } from '../scope/scope';
import type { Trx } from './db';
import { dossierChangesInScope, wireOf } from './transfers';

/** Pull reader: dossiers whose route touches the scope (no tombstones: dossiers are kept). */
export async function readDossierChanges(
  trx: Trx,
  scope: Scope,
  w: { afterRev: number; upTo: number | null; limit: number },
): Promise<PullChange[]> {
  const rows = await dossierChangesInScope(trx, scope, w);
  return rows.map(({ stored, history }) => ({
    op: 'upsert',
    entity: 'dossier',
    id: stored.dossier.id,
    rev: stored.rev,
    data: wireOf(stored, history),
  }));
}
