import { PushResult } from '../../src/api/push';
import type { Trx } from './db';

/**
 * Claims a mutation id inside the transaction that applies it. The insert waits for a concurrent
 * claimant of the same id to finish, so a repeated id is never applied twice: the caller gets
 * 'new' (apply it) or the result stored the first time.
 */
export async function claimMutation(
  trx: Trx,
  id: string,
  userId: string,
  now: Date,
): Promise<{ kind: 'new' } | { kind: 'done'; result: PushResult } | { kind: 'foreign' }> {
  const inserted = await trx
    .insertInto('push_mutations')
    .values({ id, user_id: userId, result: null, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { kind: 'new' };
  const row = await trx
    .selectFrom('push_mutations')
    .select(['user_id', 'result'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  if (row.user_id !== userId || row.result === null) return { kind: 'foreign' };
  return { kind: 'done', result: PushResult.parse(JSON.parse(row.result)) };
}

export async function storeMutationResult(trx: Trx, result: PushResult): Promise<void> {
  await trx
    .updateTable('push_mutations')
    .set({ result: JSON.stringify(result) })
    .where('id', '=', result.id)
    .execute();
}
