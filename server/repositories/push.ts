import { PushResult, type PushStatus } from '../../src/api/push';
import type { Db, Trx } from './db';

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

/**
 * Applies one pushed mutation in its own transaction, exactly once: the id is claimed first, and
 * whatever `decide` answers (applied or not) is stored with the id and returned again on a retry.
 * An id another user claimed is refused.
 */
export async function applyOnce(
  db: Db,
  at: () => Date,
  userId: string,
  mutationId: string,
  decide: (trx: Trx, now: Date) => Promise<PushResult>,
): Promise<PushResult> {
  return db.transaction().execute(async (trx) => {
    const now = at();
    const claim = await claimMutation(trx, mutationId, userId, now);
    if (claim.kind === 'done') return claim.result;
    if (claim.kind === 'foreign')
      return {
        id: mutationId,
        status: 'invalid',
        rev: null,
        code: 'id_reused',
        message: 'this mutation id belongs to another user',
        messageVi: 'Mã thao tác không hợp lệ. Vui lòng thực hiện lại thao tác.',
      };
    const answer = await decide(trx, now);
    await storeMutationResult(trx, answer);
    return answer;
  });
}

/** A push result for the mutation `m`. */
export const pushAnswer = (
  m: { id: string },
  status: PushStatus,
  rev: number | null,
  code: string | null,
  message: string,
  messageVi: string,
): PushResult => ({ id: m.id, status, rev, code, message, messageVi });

/** The object is outside the caller's scope: refused as 'forbidden', naming what it is. */
export const outOfScopeAnswer = (m: { id: string }, what: string, whatVi: string): PushResult =>
  pushAnswer(
    m,
    'forbidden',
    null,
    'out_of_scope',
    `the ${what} is outside your scope`,
    `${whatVi} không thuộc phạm vi quản lý của bạn.`,
  );
