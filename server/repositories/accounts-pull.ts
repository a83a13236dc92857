import type { PullChange } from '../../src/api/sync';
import { ACCOUNT_REQUEST_ENTITY } from '../../src/api/sync';
import type { Scope } from '../scope/scope';
import { accountRequestRowsInScope, accountRequestWires } from './accounts';
import type { Trx } from './db';

type Window = { afterRev: number; upTo: number | null; limit: number };

/**
 * Pull reader of account requests: to the staff whose subtree holds the deciding org or the
 * member's cell, and to the requester; each with its trail, names and the record on file. Kept,
 * never deleted: upserts only.
 */
export async function readAccountChanges(trx: Trx, scope: Scope, w: Window): Promise<PullChange[]> {
  const rows = await accountRequestRowsInScope(trx, scope, w);
  const wires = await accountRequestWires(trx, rows);
  return wires.map((data, i) => ({
    op: 'upsert',
    entity: ACCOUNT_REQUEST_ENTITY,
    id: data.id,
    rev: rows[i]!.rev,
    data,
  }));
}
