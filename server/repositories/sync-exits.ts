import type { SyncEntity } from '../../src/api/sync';
import type { Trx } from './db';
import { nextRev } from './revisions';

/**
 * Records that a row left the subtree at `oldPath`: clients whose scope holds that path get a
 * delete for it. Call before giving the row its new rev, so the delete comes first.
 */
export async function recordExit(
  trx: Trx,
  entity: SyncEntity,
  entityId: string,
  oldPath: string,
): Promise<void> {
  await trx
    .insertInto('sync_exits')
    .values({ rev: await nextRev(trx), entity, entity_id: entityId, old_path: oldPath })
    .execute();
}
