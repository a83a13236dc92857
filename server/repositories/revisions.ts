import { sql } from 'kysely';
import type { Db, Trx } from './db';

/**
 * The global change counter (docs/decisions/0003). Call only inside the transaction that writes
 * the rows: the counter row stays locked until commit, so transactions commit in rev order and a
 * pull never passes over a lower rev that is still uncommitted.
 */
export async function nextRev(trx: Trx): Promise<number> {
  return reserveRevs(trx, 1);
}

/** Reserves `n` consecutive revs and returns the first; for writers of many rows at once. */
export async function reserveRevs(trx: Trx, n: number): Promise<number> {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`reserveRevs needs n ≥ 1, got ${n}`);
  const row = await trx
    .updateTable('sync_counter')
    .set({ value: sql`value + ${n}` })
    .where('id', '=', 1)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value) - n + 1;
}

/** The last rev handed out; read inside a snapshot, every rev up to it is visible there. */
export async function currentRev(db: Db): Promise<number> {
  const row = await db
    .selectFrom('sync_counter')
    .select('value')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/**
 * Takes the counter's lock without moving it, for writers that must count rows before they know
 * how many revs to reserve.
 */
export async function lockRevCounter(trx: Trx): Promise<void> {
  await trx
    .updateTable('sync_counter')
    .set({ value: sql`value` })
    .where('id', '=', 1)
    .execute();
}
